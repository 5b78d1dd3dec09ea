/**
 * Acknowledgements of the Assurance maladie: each message becomes « accusé » or « en erreur ».
 * A batch keeps every good acknowledgement and reports every bad one; sending the same batch
 * again changes nothing.
 */
import * as returns from '../../db/repositories/am-return.repository';
import { ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import { decideAck, DEFAULT_AM_RETURN_LIMITS, isAmReturnStatus, type AckInput } from '../../domain/intake/am-return';
import type { Ctx } from '../context';

export type AckResult =
  | { messageId: string; outcome: 'accuse' | 'en_erreur' | 'inchange' }
  | { messageId: string; outcome: 'inconnu' | 'refuse'; code: string; message: string };

export async function acknowledgeAmReturns(ctx: Ctx, props: { acknowledgements: AckInput[] }) {
  const p = ctx.principal;
  ensure(p, 'amreturn.fetch');
  const items = props.acknowledgements;
  const max = DEFAULT_AM_RETURN_LIMITS.ackMaxItems;
  if (items.length === 0) throw invalid('ACCUSES_REQUIS', 'Envoyez au moins un accusé.', 'acknowledgements');
  if (items.length > max) throw invalid('TROP_D_ACCUSES', `Au plus ${max} accusés par envoi.`, 'acknowledgements');

  const rows = await returns.findByMessageIds(ctx.trx, p.tenantId, items.map((i) => i.messageId));
  const byId = new Map(rows.map((r) => [r.message_id, r]));
  const seen = new Set<string>();
  const results: AckResult[] = [];
  for (const ack of items) {
    if (seen.has(ack.messageId)) {
      results.push({ messageId: ack.messageId, outcome: 'refuse', code: 'DOUBLON', message: 'Ce message figure plusieurs fois dans cet envoi : seul le premier accusé est pris en compte.' });
      continue;
    }
    seen.add(ack.messageId);
    const row = byId.get(ack.messageId);
    if (!row) {
      results.push({ messageId: ack.messageId, outcome: 'inconnu', code: 'MESSAGE_INCONNU', message: 'Aucun message ne porte cet identifiant.' });
      continue;
    }
    const current = isAmReturnStatus(row.status) ? row.status : 'a_transmettre';
    const d = decideAck(current, row.error, ack);
    if (d.outcome === 'refuse') {
      results.push({ messageId: ack.messageId, outcome: 'refuse', code: d.code, message: d.message });
      continue;
    }
    if (d.outcome === 'inchange') {
      results.push({ messageId: ack.messageId, outcome: 'inchange' });
      continue;
    }
    await returns.setStatus(ctx.trx, p.tenantId, row.id, { status: d.outcome, error: d.error, acknowledged_at: ctx.now }, ctx.now);
    row.status = d.outcome;
    row.error = d.error;
    await ctx.record({ action: 'am_return.ack', subjectType: 'am_return', subjectId: row.id, category: 'administrative', details: { messageId: row.message_id, status: d.outcome } });
    results.push({ messageId: ack.messageId, outcome: d.outcome });
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return {
    results,
    counts: { accuse: count('accuse'), en_erreur: count('en_erreur'), inchange: count('inchange'), inconnu: count('inconnu'), refuse: count('refuse') },
  };
}
