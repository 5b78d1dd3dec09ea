/**
 * Proposes a measure of the catalogue on a dossier (status « proposée »), checked against the
 * catalogue's rules (durations, arrêt condition): a measure breaking one is refused with the
 * rule named. Noted on the timeline, audited.
 */
import * as measures from '../../../db/repositories/measure.repository';
import * as inaptitudes from '../../../db/repositories/inaptitude.repository';
import * as signals from '../../../db/repositories/signal.repository';
import { invalid } from '../../../domain/errors';
import { civilDate, isIsoDate } from '../../../domain/calendar/dates';
import { CATALOGUE_VERSION, catalogueMeasure, checkCrpeEligibility, checkMeasurePeriods, isMeasureCode, type EligibilityInput, type MeasureEligibility, type MeasurePeriod } from '../../../domain/parcours/catalogue';
import type { Ctx } from '../../context';
import { loadPlanDossier, measureEntry, periodText, presentMeasure, toMeasureArrets } from './measure-format';

export const MEASURE_TEXT_MAX_LENGTH = 2000;

export interface ProposeMeasureProps {
  dossierId: string;
  code: string;
  startDate: string;
  endDate?: string | null;
  details?: string | null;
  employerNote?: string | null;
  sharedWithWorker?: boolean;
  employerVisible?: boolean;
  /** CRPE only: on which ground the worker may benefit from it. */
  eligibility?: EligibilityInput | null;
}

/** Refuses dates that are not dates, and texts too long (shared by proposer and updater). */
export function checkMeasureInput(p: { startDate?: string; endDate?: string | null; details?: string | null; employerNote?: string | null }) {
  if (p.startDate !== undefined && !isIsoDate(p.startDate)) throw invalid('DATE_INVALIDE', 'La date de début est invalide (JJ/MM/AAAA).', 'startDate');
  if (p.endDate && !isIsoDate(p.endDate)) throw invalid('DATE_INVALIDE', 'La date de fin est invalide (JJ/MM/AAAA).', 'endDate');
  for (const f of ['details', 'employerNote'] as const) {
    if ((p[f]?.length ?? 0) > MEASURE_TEXT_MAX_LENGTH) throw invalid('TEXTE_TROP_LONG', `Le texte est limité à ${MEASURE_TEXT_MAX_LENGTH} caractères.`, f);
  }
}

/** The first violation of the catalogue's rules, thrown as a coded refusal. */
export function throwFirstViolation(v: { code: string; message: string; field?: string }[]) {
  if (v.length > 0) throw invalid(v[0].code, v[0].message, v[0].field, { violations: v });
}

export async function proposeMeasure(ctx: Ctx, props: ProposeMeasureProps) {
  const p = ctx.principal;
  const dossier = await loadPlanDossier(ctx, props.dossierId, 'write');
  if (!isMeasureCode(props.code)) throw invalid('MESURE_INCONNUE', `Mesure inconnue du catalogue : « ${props.code} ».`, 'code');
  checkMeasureInput(props);
  const entry = catalogueMeasure(props.code);
  if (props.employerVisible && !entry.employerVisibleAllowed) {
    throw invalid('MESURE_NON_VISIBLE_EMPLOYEUR', `« ${entry.label} » révèle une information de santé : elle ne peut pas être montrée à l'employeur.`, 'employerVisible');
  }
  const periods: MeasurePeriod[] = [{ start: props.startDate, end: props.endDate ?? null }];
  const arrets = toMeasureArrets(await signals.findArretsOfWorker(ctx.trx, p.tenantId, dossier.worker_id));
  throwFirstViolation(checkMeasurePeriods(props.code, periods, arrets));
  let eligibility: MeasureEligibility | null = null;
  if (props.code === 'crpe') {
    const avis = await inaptitudes.findInaptitudesOfWorker(ctx.trx, p.tenantId, dossier.worker_id);
    const r = checkCrpeEligibility(props.eligibility, { inaptitudeAvisDates: avis.map((a) => a.avis_date) }, props.startDate, civilDate(ctx.now));
    if (!r.ok) throwFirstViolation([r.violation]);
    else eligibility = r.value;
  } else if (props.eligibility) {
    throw invalid('CONDITION_INATTENDUE', `Le titre du bénéficiaire ne concerne que la CRPE, pas « ${entry.label} ».`, 'eligibility');
  }

  const m = await measures.insertMeasure(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: dossier.id,
    worker_id: dossier.worker_id,
    catalogue_code: props.code,
    catalogue_version: CATALOGUE_VERSION,
    status: 'proposee',
    start_date: props.startDate,
    end_date: props.endDate ?? null,
    periods: JSON.stringify(periods),
    eligibility: eligibility ? JSON.stringify(eligibility) : null,
    details: props.details?.trim() || null,
    employer_note: props.employerNote?.trim() || null,
    shared_with_worker: props.sharedWithWorker ?? false,
    employer_visible: props.employerVisible ?? false,
    proposed_by: p.userId,
    proposed_by_name: p.label,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await ctx.record({
    action: 'measure.propose',
    subjectType: 'measure',
    subjectId: m.id,
    category: 'sensitive',
    details: { dossierId: dossier.id, code: m.catalogue_code },
    timeline: measureEntry(m, 'Mesure proposée', `${entry.label}, ${periodText(m.start_date, m.end_date)}.`),
  });
  return presentMeasure(m, [], true, arrets);
}
