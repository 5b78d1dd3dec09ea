/**
 * The audit of reads (docs/security.md §4): one event per request, never one per row, never the
 * text read nor the term searched.
 *   - A search records the kind of its term (`nir`, `reference`, `name`, `birth_date`,
 *     `name_birth_date`), the number of results and the ids of the page shown (a page holds at
 *     most 100 rows) — never the term: a NIR search says `search: 'nir'` and nothing of the NIR.
 *   - A partner's agent reading a dossier of the service (relation « consented ») is always
 *     audited, whatever the category he reads: he is outside the cell and reads under the
 *     worker's consent, which the worker may ask to account for.
 */
import { parseFrenchDate } from '../../domain/calendar/dates';
import type { Category } from '../../domain/access';
import { normaliseNir, validateNir } from '../../domain/identity/nir';
import type { Ctx } from '../context';

export type SearchKind = 'nir' | 'reference' | 'name' | 'birth_date' | 'name_birth_date';

/** A NIR, well formed or mistyped (13 to 15 characters of digits, 2A/2B for Corsica, spaces allowed). */
export function looksLikeNir(q: string): boolean {
  if (validateNir(q).ok) return true;
  const n = normaliseNir(q);
  return /^\d{13,15}$/.test(n) || /^\d{5}2[AB]\d{6,8}$/.test(n);
}

/** What a search term is, without keeping it. */
export function searchKind(q: string): SearchKind {
  const term = q.trim();
  if (looksLikeNir(term)) return 'nir';
  if (/^pdp-/i.test(term)) return 'reference';
  const tokens = term.split(/\s+/).filter(Boolean);
  const dates = tokens.filter((x) => parseFrenchDate(x) !== null).length;
  if (dates === 0) return 'name';
  return dates === tokens.length ? 'birth_date' : 'name_birth_date';
}

/**
 * Records a search (one event per request). Category: sensitive for a NIR search (the NIR is read
 * by the cell's sensitive readers only), administrative otherwise.
 */
export async function recordSearch(
  ctx: Ctx,
  e: { action: string; subjectType: string; q: string; results: number; ids: { key: string; values: readonly string[] }; details?: Record<string, unknown> },
): Promise<void> {
  const search = searchKind(e.q);
  await ctx.record({
    action: e.action,
    subjectType: e.subjectType,
    subjectId: null,
    category: search === 'nir' ? 'sensitive' : 'administrative',
    details: { search, results: e.results, [e.ids.key]: [...e.ids.values], ...e.details },
  });
}

/** A partner's agent read (part of) a dossier shared with his organisation. */
export async function recordPartnerRead(ctx: Ctx, dossierId: string, view: string, category: Category = 'administrative'): Promise<void> {
  await ctx.record({ action: 'partner.dossier.read', subjectType: 'dossier', subjectId: dossierId, category, details: { organisationId: ctx.principal.organisationId, view } });
}
