/** The cell's view of a case's threads: one per partner organisation, with unread counts. */
import * as consents from '../../../db/repositories/consent.repository';
import * as messages from '../../../db/repositories/message.repository';
import { can } from '../../../domain/access';
import { RECIPIENT_KINDS, kindLabel } from '../../consent/consent-format';
import type { Ctx } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';

export async function listDossierThreads(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service' || !can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  const [threads, unread, consented, partners] = await Promise.all([
    messages.findThreadsOfDossier(ctx.trx, p.tenantId, dossier.id),
    messages.countUnread(ctx.trx, p.tenantId, [dossier.id], 'partenaire'),
    consents.findConsentedOrganisationIds(ctx.trx, p.tenantId, dossier.worker_id),
    consents.findOrganisationsOfKinds(ctx.trx, p.tenantId, RECIPIENT_KINDS),
  ]);
  const unreadBy = new Map(unread.map((u) => [u.organisation_id, Number(u.n)]));
  const byOrg = new Map(threads.map((t) => [t.organisation_id, t]));
  const shared = new Set(consented);
  // A thread for every organisation that wrote or may be written to (current consent).
  const items = partners
    .filter((o) => byOrg.has(o.id) || shared.has(o.id))
    .map((o) => ({
      organisation: { id: o.id, name: o.name, kind: o.kind, kindLabel: kindLabel(o.kind) },
      consent: shared.has(o.id),
      messages: Number(byOrg.get(o.id)?.n ?? 0),
      unread: unreadBy.get(o.id) ?? 0,
      lastAt: byOrg.get(o.id)?.last_at ?? null,
    }));
  return { items, unread: items.reduce((s, i) => s + i.unread, 0) };
}
