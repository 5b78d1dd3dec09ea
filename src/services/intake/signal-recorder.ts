/**
 * Records a signal (a situation reaching the cell) and attaches it to the worker's open
 * dossier, opening one « Signalé » when there is none: several signals of one worker always
 * end in one open dossier. Used by every channel that handles one signal at a time (employer
 * declarations, fiches de liaison, saisines); the AM flux does the same set-based.
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as signals from '../../db/repositories/signal.repository';
import { isDossierOrigin, ORIGIN_LABELS, type DossierOrigin } from '../../domain/dossier/origins';
import { invalid } from '../../domain/errors';
import type { Ctx, TimelineNote } from '../context';
import { OPEN_STATES } from '../../domain/dossier/states';
import { insertNewDossier } from '../dossier/dossier-opener';

import { SIGNAL_KIND_LABELS, type SignalKind } from '../../domain/intake/channels';
export { SIGNAL_KINDS, SIGNAL_KIND_LABELS, type SignalKind } from '../../domain/intake/channels';

export interface RecordSignalProps {
  workerId: string;
  /** The channel, as a dossier origin: flux_am, employeur, medecin_conseil, salarie, equipe, partenaire, visite. */
  source: DossierOrigin;
  kind: SignalKind;
  /** Administrative reason, shown to the cell; never clinical content. */
  reason: string;
  consentGiven: boolean;
  consentDate?: string | null;
  arretId?: string | null;
  originTable?: string | null;
  originId?: string | null;
  /** Next deadline of a dossier opened by this signal. */
  nextDueDate?: string | null;
}

export async function recordSignal(ctx: Ctx, props: RecordSignalProps) {
  const p = ctx.principal;
  if (!isDossierOrigin(props.source)) throw invalid('SOURCE_INCONNUE', `Source inconnue : « ${props.source} ».`, 'source');
  const reason = props.reason.trim();
  if (!reason) throw invalid('MOTIF_REQUIS', 'Indiquez le motif du signalement.', 'reason');

  let dossier = await dossiers.findOpenDossierOfWorker(ctx.trx, p.tenantId, props.workerId, OPEN_STATES);
  let opening: TimelineNote | null = null;
  if (!dossier) {
    const { dossier: d, opening: o } = await insertNewDossier(ctx, {
      workerId: props.workerId,
      origin: props.source,
      summary: reason,
      nextDueDate: props.nextDueDate ?? null,
      assigneeIds: [],
      referentId: null,
    });
    dossier = { id: d.id, reference: d.reference, state: d.state };
    opening = o;
  }
  const dossierCreated = opening !== null;
  const s = await signals.insertSignal(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: props.workerId,
    dossier_id: dossier.id,
    source: props.source,
    kind: props.kind,
    reason,
    received_at: ctx.now,
    consent_given: props.consentGiven,
    consent_date: props.consentDate ?? null,
    arret_id: props.arretId ?? null,
    author_user_id: p.userId,
    author_organisation_id: p.organisationId,
    origin_table: props.originTable ?? null,
    origin_id: props.originId ?? null,
  });
  const signalEntry: TimelineNote = { dossierId: dossier.id, kind: 'signal', category: 'administrative', title: SIGNAL_KIND_LABELS[props.kind], body: `${ORIGIN_LABELS[props.source]} : ${reason}` };
  // A dossier opened by this signal shows its opening and the signal: one event, two entries.
  await ctx.record({
    action: 'signal.record',
    subjectType: 'dossier',
    subjectId: dossier.id,
    category: 'administrative',
    details: { kind: props.kind, source: props.source, signalId: s.id },
    timeline: opening ? [opening, signalEntry] : signalEntry,
  });
  if (!dossierCreated) await dossiers.touchDossier(ctx.trx, p.tenantId, dossier.id, ctx.now);
  return { signalId: s.id, dossierId: dossier.id, dossierReference: dossier.reference, dossierCreated };
}
