/**
 * « Repérage par l'indice » (docs/risk-suggestions.md): the workers whose suggested level (last
 * `risk score-all` run) is high and who have no signed assessment in the last months — the
 * proactive detection of workers at risk, for the health professionals. A medical read: one audit
 * event per list read, with the filters and counts only (no worker, no level of anyone).
 * The levels listed are SUGGESTIONS: nothing is signed nor triggered from here.
 */
import * as repo from '../../../db/repositories/risk-score.repository';
import { civilDate } from '../../../domain/calendar/dates';
import { addMonths } from '../../../domain/parcours/catalogue/working-days';
import { DOSSIER_STATES, isOpenState, STATE_LABELS, isDossierState } from '../../../domain/dossier/states';
import { invalid } from '../../../domain/errors';
import { RISK_LEVEL_LABELS, riskLevelLabel, type RiskLevel } from '../../../domain/risk/levels';
import {
  SCREENING_DEFAULT_MIN_LEVEL,
  SCREENING_DEFAULT_MONTHS,
  SCREENING_DEFAULT_PAGE_SIZE,
  SCREENING_MAX_MONTHS,
  SCREENING_MAX_PAGE,
  SCREENING_MAX_PAGE_SIZE,
} from '../../../domain/risk/screening';
import type { Ctx } from '../../context';
import { workerDisplayName } from '../../worker/worker-format';
import { ensureSuggestionsReader } from './suggestions-access';
import { runDto } from './suggestions-format';
import { isRecalculating } from './suggestions-recalculator';

const LISTED_LEVELS: readonly RiskLevel[] = [1, 2, 3];
const OPEN_STATES = DOSSIER_STATES.filter(isOpenState);

export interface SuggestionsQuery {
  minLevel?: number;
  months?: number;
  page?: number;
  pageSize?: number;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The filters, checked (the HTTP schema checks them too; other callers get the same codes). */
export function checkSuggestionsQuery(q: SuggestionsQuery) {
  const minLevel = q.minLevel ?? SCREENING_DEFAULT_MIN_LEVEL;
  if (!isInt(minLevel) || minLevel < 1 || minLevel > 3) throw invalid('NIVEAU_INVALIDE', 'Le niveau minimal doit valoir 1, 2 ou 3.', 'minLevel');
  const months = q.months ?? SCREENING_DEFAULT_MONTHS;
  if (!isInt(months) || months < 1 || months > SCREENING_MAX_MONTHS) throw invalid('PERIODE_INVALIDE', `La période doit être un nombre de mois entre 1 et ${SCREENING_MAX_MONTHS}.`, 'months');
  const page = q.page ?? 1;
  if (!isInt(page) || page < 1 || page > SCREENING_MAX_PAGE) throw invalid('PAGE_INVALIDE', 'Le numéro de page est invalide.', 'page');
  const pageSize = q.pageSize ?? SCREENING_DEFAULT_PAGE_SIZE;
  if (!isInt(pageSize) || pageSize < 1 || pageSize > SCREENING_MAX_PAGE_SIZE) throw invalid('PAGE_INVALIDE', `La taille de page doit être comprise entre 1 et ${SCREENING_MAX_PAGE_SIZE}.`, 'pageSize');
  return { minLevel: minLevel as RiskLevel, months, page, pageSize };
}

/** `months` calendar months before `now`, same time of day (the day clamped to the end of a shorter month, as PostgreSQL does). */
export function monthsBefore(now: Date, months: number): Date {
  const iso = now.toISOString();
  return new Date(`${addMonths(iso.slice(0, 10), -months)}${iso.slice(10)}`);
}

/** Age in whole years on `today` (both AAAA-MM-JJ). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export async function listSuggestions(ctx: Ctx, query: SuggestionsQuery) {
  const p = ctx.principal;
  ensureSuggestionsReader(p);
  const f = checkSuggestionsQuery(query);
  const since = monthsBefore(ctx.now, f.months);
  const today = civilDate(ctx.now);
  const run = await repo.findRiskScoreRun(ctx.trx, p.tenantId);
  const [byLevel, rows] = run
    ? await Promise.all([
        repo.countSuggestionsByLevel(ctx.trx, { tenantId: p.tenantId, since }),
        repo.findSuggestionsPage(ctx.trx, {
          tenantId: p.tenantId,
          minLevel: f.minLevel,
          since,
          today,
          openStates: OPEN_STATES,
          limit: f.pageSize,
          offset: (f.page - 1) * f.pageSize,
        }),
      ])
    : [new Map<number, number>(), [] as repo.SuggestionRow[]];
  const counts = LISTED_LEVELS.map((level) => ({ level, label: RISK_LEVEL_LABELS[level], count: byLevel.get(level) ?? 0 }));
  const total = counts.filter((c) => c.level >= f.minLevel).reduce((a, c) => a + c.count, 0);
  await ctx.record({
    action: 'risk.suggestions.read',
    subjectType: 'risk_score_run',
    subjectId: null,
    category: 'medical',
    details: { minLevel: f.minLevel, months: f.months, page: f.page, pageSize: f.pageSize, returned: rows.length, total },
  });
  return {
    run: run ? runDto(run) : null,
    running: await isRecalculating(ctx.trx, p.tenantId),
    filters: { minLevel: f.minLevel, months: f.months, since },
    counts,
    total,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map((r) => ({
      workerId: r.worker_id,
      displayName: workerDisplayName(r),
      birthYear: Number(r.birth_date.slice(0, 4)),
      age: ageOn(r.birth_date, today),
      suggestedLevel: r.suggested_level,
      suggestedLevelLabel: riskLevelLabel(r.suggested_level) ?? '',
      // Stored as a 4-byte real: one decimal of a percent is all it says.
      healthProbabilityPercent: Math.round(Number(r.health_probability) * 1000) / 10,
      company: r.company_id ? { id: r.company_id, name: r.company_name ?? '', jobTitle: r.job_title } : null,
      openDossier: r.dossier_id
        ? { id: r.dossier_id, reference: r.dossier_reference ?? '', state: r.dossier_state ?? '', stateLabel: r.dossier_state && isDossierState(r.dossier_state) ? STATE_LABELS[r.dossier_state] : (r.dossier_state ?? '') }
        : null,
      lastAssessment: r.last_level !== null && r.last_signed_at !== null
        ? { finalLevel: r.last_level, finalLevelLabel: riskLevelLabel(r.last_level) ?? '', signedAt: r.last_signed_at }
        : null,
    })),
  };
}
