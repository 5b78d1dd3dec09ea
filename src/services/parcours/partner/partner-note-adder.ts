/**
 * A partner adds an entry to the shared timeline (kind 'partner_note', administrative: never
 * medical). Needs the worker's current consent at that moment.
 */
import { randomUUID } from 'node:crypto';
import * as dossiers from '../../../db/repositories/dossier.repository';
import { invalid } from '../../../domain/errors';
import type { Ctx } from '../../context';
import { MAX_ENTRY_LENGTH } from '../../dossier/entry-adder';
import { toEntryDto } from '../../dossier/dossier-reader';
import { loadPartnerDossier } from './partner-access';

export const PARTNER_TITLE_MAX_LENGTH = 200;

export async function addPartnerNote(ctx: Ctx, dossierId: string, props: { title?: string | null; body: string }) {
  const p = ctx.principal;
  const body = (props.body ?? '').trim();
  if (body.length === 0) throw invalid('TEXTE_REQUIS', 'La note ne peut pas être vide.', 'body');
  if (body.length > MAX_ENTRY_LENGTH) throw invalid('TEXTE_TROP_LONG', `La note dépasse ${MAX_ENTRY_LENGTH} caractères.`, 'body');
  const title = props.title?.trim() || null;
  if (title && title.length > PARTNER_TITLE_MAX_LENGTH) throw invalid('TITRE_TROP_LONG', `Le titre dépasse ${PARTNER_TITLE_MAX_LENGTH} caractères.`, 'title');
  const d = await loadPartnerDossier(ctx, dossierId, { lock: true });
  const entryId = randomUUID();
  const [entry] = await ctx.record({
    action: 'partner.note.add', subjectType: 'dossier', subjectId: d.id, category: 'administrative', details: { entryId, organisationId: p.organisationId },
    timeline: { id: entryId, dossierId: d.id, kind: 'partner_note', category: 'administrative', title, body },
  });
  await dossiers.touchDossier(ctx.trx, p.tenantId, d.id, ctx.now);
  return toEntryDto(entry);
}
