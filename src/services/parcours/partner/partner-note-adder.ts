/**
 * A partner adds an entry to the shared timeline (kind 'partner_note', administrative: never
 * medical). Needs the worker's current consent at that moment.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as timeline from '../../../db/repositories/timeline.repository';
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
  const entry = await timeline.insertEntry(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: d.id,
    kind: 'partner_note',
    category: 'administrative',
    title,
    body,
    shared_with_worker: false,
    author_user_id: p.userId,
    author_name: p.label,
    created_at: ctx.now,
  });
  await dossiers.touchDossier(ctx.trx, p.tenantId, d.id, ctx.now);
  ctx.audit({ action: 'partner.note.add', subjectType: 'dossier', subjectId: d.id, category: 'administrative', details: { entryId: entry.id, organisationId: p.organisationId } });
  return toEntryDto(entry);
}
