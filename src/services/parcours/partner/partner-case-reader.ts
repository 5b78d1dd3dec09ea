/**
 * The partner's case page (/partenaire/dossiers/:id): the shared timeline (only the categories the
 * policy gives a consented partner: administrative and employer-visible, never medical), the
 * referrals addressed to its organisation, the chef de file and the thread's unread count.
 * Checked against the worker's consent at the moment of the read; every read is audited.
 */
import * as messages from '../../../db/repositories/message.repository';
import * as orgs from '../../../db/repositories/organisation.repository';
import * as referrals from '../../../db/repositories/referral.repository';
import * as timeline from '../../../db/repositories/timeline.repository';
import * as workers from '../../../db/repositories/worker.repository';
import { entryFilter } from '../../../domain/access';
import { isDossierState, STATE_LABELS } from '../../../domain/dossier/states';
import type { Ctx } from '../../context';
import { toEntryDto } from '../../dossier/dossier-reader';
import { kindLabel } from '../../consent/consent-format';
import { toReferralDto } from '../referrals/referral-format';
import { workerDisplayName } from '../../worker/worker-format';
import { loadPartnerDossier } from './partner-access';

export async function readPartnerCase(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const d = await loadPartnerDossier(ctx, dossierId);
  const filter = entryFilter(p, 'consented');
  const [w, entries, refs, unread, lead] = await Promise.all([
    workers.findWorker(ctx.trx, p.tenantId, d.worker_id),
    timeline.findEntries(ctx.trx, p.tenantId, [d.id], filter, 300),
    referrals.findReferralsOfDossier(ctx.trx, p.tenantId, d.id, p.organisationId),
    messages.countUnread(ctx.trx, p.tenantId, [d.id], 'cellule', p.organisationId),
    d.lead_organisation_id ? orgs.findOrganisation(ctx.trx, p.tenantId, d.lead_organisation_id) : Promise.resolve(undefined),
  ]);
  await ctx.record({ action: 'partner.dossier.read', subjectType: 'dossier', subjectId: d.id, category: 'administrative', details: { organisationId: p.organisationId } });
  return {
    id: d.id,
    reference: d.reference,
    state: d.state,
    stateLabel: isDossierState(d.state) ? STATE_LABELS[d.state] : d.state,
    openedAt: d.opened_at,
    workerName: w ? workerDisplayName(w) : '',
    lead: lead ? { id: lead.id, name: lead.name, kindLabel: kindLabel(lead.kind), isMe: lead.id === p.organisationId } : null,
    timeline: entries.map(toEntryDto),
    referrals: refs.map(toReferralDto),
    unreadMessages: unread.reduce((s, u) => s + Number(u.n), 0),
  };
}
