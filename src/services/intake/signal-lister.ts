/**
 * « Signalements reçus »: every signal of the service, newest first, filtered by source, kind
 * and date; and the signals of one dossier (with its fiches de liaison) for the dossier page.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import * as signals from '../../db/repositories/signal.repository';
import { can, ensure, has } from '../../domain/access';
import { isIsoDate } from '../../domain/calendar/dates';
import { DOSSIER_ORIGINS, isDossierOrigin, ORIGIN_LABELS } from '../../domain/dossier/origins';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import { invalid } from '../../domain/errors';
import { parisDayStart, vprStatusLabel } from '../../domain/intake/declarations';
import { recordPartnerRead } from '../audit/read-audit';
import type { Ctx } from '../context';
import { dossierNotFound, loadDossier } from '../dossier/dossier-access';
import { workerDisplayName } from '../worker/worker-format';
import { SIGNAL_KIND_LABELS, SIGNAL_KINDS, type SignalKind } from './signal-recorder';
import { vprAnswerDto } from './vpr-lister';

export const SIGNAL_PAGE_SIZE = 50;

const kindLabel = (k: string) => SIGNAL_KIND_LABELS[k as SignalKind] ?? k;
const sourceLabel = (s: string) => (isDossierOrigin(s) ? ORIGIN_LABELS[s] : s);

interface SignalRow {
  id: string;
  source: string;
  kind: string;
  reason: string;
  received_at: Date | string;
  consent_given: boolean;
  consent_date: string | null;
}

/** What every signal list shows of a signal (source, kind, reason, date, consent). */
function signalBase(r: SignalRow) {
  return {
    id: r.id,
    source: r.source,
    sourceLabel: sourceLabel(r.source),
    kind: r.kind,
    kindLabel: kindLabel(r.kind),
    reason: r.reason,
    receivedAt: r.received_at,
    consentGiven: r.consent_given,
    consentDate: r.consent_date,
  };
}

export interface SignalListProps {
  sources?: string[];
  kinds?: string[];
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export async function listSignals(ctx: Ctx, props: SignalListProps) {
  const p = ctx.principal;
  ensure(p, 'signal.read');
  for (const s of props.sources ?? []) {
    if (!isDossierOrigin(s)) throw invalid('SOURCE_INCONNUE', `Source inconnue : « ${s} ». Sources possibles : ${DOSSIER_ORIGINS.join(', ')}.`, 'source');
  }
  for (const k of props.kinds ?? []) {
    if (!(SIGNAL_KINDS as readonly string[]).includes(k)) throw invalid('TYPE_INCONNU', `Type de signalement inconnu : « ${k} ».`, 'kind');
  }
  if (props.from && !isIsoDate(props.from)) throw invalid('DATE_INVALIDE', 'La date « du » doit être au format AAAA-MM-JJ.', 'from');
  if (props.to && !isIsoDate(props.to)) throw invalid('DATE_INVALIDE', 'La date « au » doit être au format AAAA-MM-JJ.', 'to');
  if (props.from && props.to && props.to < props.from) throw invalid('DATES_INCOHERENTES', 'La date « au » doit suivre la date « du ».', 'to');
  const page = Math.max(1, props.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, props.pageSize ?? SIGNAL_PAGE_SIZE));
  // « au » is inclusive: up to the start of the next civil day.
  const to = props.to ? parisDayStart(new Date(Date.parse(`${props.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) : undefined;
  const { rows, total } = await repo.findSignalPage(ctx.trx, {
    tenantId: p.tenantId,
    sources: props.sources,
    kinds: props.kinds,
    from: props.from ? parisDayStart(props.from) : undefined,
    to,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const [pendingVpr, declarationsToVerify] = await Promise.all([repo.countPendingVpr(ctx.trx, p.tenantId), repo.countDeclarationsToVerify(ctx.trx, p.tenantId)]);
  return {
    items: rows.map((r) => ({
      ...signalBase(r),
      worker: { id: r.worker_id, displayName: workerDisplayName(r) },
      dossier: r.dossier_id
        ? { id: r.dossier_id, reference: r.dossier_reference ?? '', state: r.dossier_state ?? '', stateLabel: r.dossier_state && isDossierState(r.dossier_state) ? STATE_LABELS[r.dossier_state] : '' }
        : null,
      vpr: r.vpr_id ? { id: r.vpr_id, status: r.vpr_status ?? '', statusLabel: vprStatusLabel(r.vpr_status ?? '') } : null,
    })),
    total,
    page,
    pageSize,
    pendingVpr,
    declarationsToVerify,
  };
}

/**
 * The signals of one dossier, for whoever may read its administrative data (not the worker's
 * own view: signals are not entries shared with him). The fiches de liaison, with their answer,
 * only for the service's own staff.
 */
export async function listDossierSignals(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation === 'self' || !can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  const rows = await signals.findSignalsOfDossier(ctx.trx, p.tenantId, dossier.id);
  if (relation === 'consented') await recordPartnerRead(ctx, dossier.id, 'signals');
  const orientations = relation === 'service' && p.kind === 'user' ? await repo.findVprOfDossier(ctx.trx, p.tenantId, dossier.id) : [];
  const mayAnswer = has(p, 'vpr.answer');
  return {
    signals: rows.map(signalBase),
    vprOrientations: orientations.map((f) => ({
      id: f.id,
      organisationName: f.organisation_name,
      filedByName: f.filed_by_name,
      contact: f.contact,
      reason: f.reason,
      filedAt: f.filed_at,
      consentDate: f.consent_date,
      status: f.status,
      statusLabel: vprStatusLabel(f.status),
      answer: vprAnswerDto(f),
      canAnswer: mayAnswer && f.status === 'en_attente',
    })),
  };
}
