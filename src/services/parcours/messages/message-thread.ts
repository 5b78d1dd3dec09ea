/**
 * Secure messages about one case between the cell and one partner organisation: reading a thread
 * marks the other side's messages read; sending checks the consent at that moment. Messages are
 * administrative: the form reminds that no medical information may be written.
 */
import * as messages from '../../../db/repositories/message.repository';
import { invalid } from '../../../domain/errors';
import { MESSAGE_MAX_LENGTH } from '../../../domain/parcours/referrals';
import type { Ctx } from '../../context';
import { otherSide, threadOf } from './message-side';

const toDto = (m: { id: string; sender_side: string; sender_name: string; body: string; created_at: Date; read_at: Date | null }) => ({
  id: m.id,
  senderSide: m.sender_side,
  senderName: m.sender_name,
  body: m.body,
  createdAt: m.created_at,
  readAt: m.read_at,
});

export async function readThread(ctx: Ctx, dossierId: string, organisationId?: string | null) {
  const p = ctx.principal;
  const t = await threadOf(ctx, dossierId, organisationId, { write: false });
  const marked = await messages.markThreadRead(ctx.trx, p.tenantId, t.dossier.id, t.organisationId, otherSide(t.side), ctx.now);
  const rows = await messages.findThread(ctx.trx, p.tenantId, t.dossier.id, t.organisationId);
  if (marked > 0) await ctx.record({ action: 'message.read', subjectType: 'dossier', subjectId: t.dossier.id, category: 'administrative', details: { organisationId: t.organisationId, count: marked } });
  return { organisationId: t.organisationId, side: t.side, items: rows.map(toDto) };
}

export async function sendMessage(ctx: Ctx, dossierId: string, props: { organisationId?: string | null; body: string }) {
  const p = ctx.principal;
  const body = (props.body ?? '').trim();
  if (body.length === 0) throw invalid('TEXTE_REQUIS', 'Le message ne peut pas être vide.', 'body');
  if (body.length > MESSAGE_MAX_LENGTH) throw invalid('TEXTE_TROP_LONG', `Le message dépasse ${MESSAGE_MAX_LENGTH} caractères.`, 'body');
  const t = await threadOf(ctx, dossierId, props.organisationId, { write: true });
  const row = await messages.insertMessage(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: t.dossier.id,
    organisation_id: t.organisationId,
    sender_side: t.side,
    sender_user_id: p.userId,
    sender_name: p.label,
    body,
    created_at: ctx.now,
  });
  await ctx.record({ action: 'message.send', subjectType: 'dossier', subjectId: t.dossier.id, category: 'administrative', details: { organisationId: t.organisationId, messageId: row.id, side: t.side } });
  return toDto(row);
}
