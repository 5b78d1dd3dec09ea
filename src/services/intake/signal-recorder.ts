/**
 * Records a signal (a situation reaching the cell) and attaches it to the worker's open
 * dossier; when he has none, the signal joins his triage item « À qualifier » (created when he
 * has none): the cell decides whether a dossier opens (issue 14; triage-decider.ts). Several
 * signals of one worker always end in one open dossier or one open triage item. Used by every
 * channel that handles one signal at a time (employer declarations, fiches de liaison,
 * saisines, quarantine); the AM flux does the same set-based.
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as signals from '../../db/repositories/signal.repository';
import { isDossierOrigin, ORIGIN_LABELS, type DossierOrigin } from '../../domain/dossier/origins';
import { invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { OPEN_STATES } from '../../domain/dossier/states';
import * as triage from '../../db/repositories/triage.repository';

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
  /** Former deadline of a dossier opened by this signal (no longer used: the cell opens dossiers from triage). */
  nextDueDate?: string | null;
}

export async function recordSignal(ctx: Ctx, props: RecordSignalProps) {
  const p = ctx.principal;
  if (!isDossierOrigin(props.source)) throw invalid('SOURCE_INCONNUE', `Source inconnue : « ${props.source} ».`, 'source');
  const reason = props.reason.trim();
  if (!reason) throw invalid('MOTIF_REQUIS', 'Indiquez le motif du signalement.', 'reason');

  const dossier = await dossiers.findOpenDossierOfWorker(ctx.trx, p.tenantId, props.workerId, OPEN_STATES);
  const item = dossier ? null : await triage.upsertOpenItem(ctx.trx, p.tenantId, props.workerId, ctx.now);
  const s = await signals.insertSignal(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: props.workerId,
    dossier_id: dossier?.id ?? null,
    triage_item_id: item?.id ?? null,
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
  if (dossier) {
    await ctx.record({
      action: 'signal.record',
      subjectType: 'dossier',
      subjectId: dossier.id,
      category: 'administrative',
      details: { kind: props.kind, source: props.source, signalId: s.id },
      timeline: { dossierId: dossier.id, kind: 'signal', category: 'administrative', title: SIGNAL_KIND_LABELS[props.kind], body: `${ORIGIN_LABELS[props.source]} : ${reason}` },
    });
    await dossiers.touchDossier(ctx.trx, p.tenantId, dossier.id, ctx.now);
  } else {
    await ctx.record({
      action: 'signal.record',
      subjectType: 'triage_item',
      subjectId: item!.id,
      category: 'administrative',
      details: { kind: props.kind, source: props.source, signalId: s.id, triageItemCreated: item!.created },
    });
  }
  return {
    signalId: s.id,
    dossierId: dossier?.id ?? null,
    dossierReference: dossier?.reference ?? null,
    /** Never: a signal no longer opens a dossier (kept for callers' shape). */
    dossierCreated: false,
    triageItemId: item?.id ?? null,
  };
}
