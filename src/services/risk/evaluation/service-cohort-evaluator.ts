/**
 * « Évaluer sur les dossiers du service » (capability risk.evaluate): the labelled cohort is built
 * from the service's own cases — one line per worker whose 12-month situation after the exit is
 * known and who had a signed assessment before the exit, with the features stored in that
 * assessment — and evaluated by the same runner as an uploaded file. Nothing is stored; the run is
 * audited with counts only (refused runs too: the cases were read). docs/risk-evaluation.md.
 */
import * as repo from '../../../db/repositories/risk-evaluation.repository';
import { ensure } from '../../../domain/access';
import { civilDate, isIsoDate, SERVICE_TIME_ZONE } from '../../../domain/calendar/dates';
import { invalid, type MaintienError } from '../../../domain/errors';
import type { CohortRow } from '../../../domain/risk/evaluation/cohort';
import { MIN_COMPONENT_ROWS } from '../../../domain/risk/evaluation/evaluate';
import { cohortColumnsOfAssessment, EXCLUSION_LABELS, EXCLUSION_REASONS, outcomeAt12Months, type ExclusionReason } from '../../../domain/risk/evaluation/service-cohort';
import type { Ctx } from '../../context';
import { evaluateRows, readHealthModel } from './evaluation-runner';
import { serviceHealthModel } from '../model/health-model-settings';

export interface EvaluateServiceProps {
  /** Exits from / to these days (YYYY-MM-DD, both included); every exit when absent. */
  period?: { from?: string | null; to?: string | null } | null;
  /** A health-record model file's text; the model the service's index uses when absent. */
  model?: string | null;
}

export interface ServiceCohortCounts {
  period: { from: string | null; to: string | null };
  /** Exits recorded in the period, and the distinct workers they concern. */
  exits: number;
  workers: number;
  /** Workers in the cohort, and among them those out of employment at 12 months. */
  included: number;
  events: number;
  excluded: { reason: ExclusionReason; label: string; count: number }[];
}

export interface ServiceCohort {
  rows: CohortRow[];
  counts: ServiceCohortCounts;
}

function checkPeriod(p: EvaluateServiceProps['period']): { from: string | null; to: string | null } {
  const from = p?.from?.trim() || null;
  const to = p?.to?.trim() || null;
  if (from !== null && !isIsoDate(from)) throw invalid('DATE_INVALIDE', `La date de début « ${from} » n'est pas une date AAAA-MM-JJ.`, 'period.from');
  if (to !== null && !isIsoDate(to)) throw invalid('DATE_INVALIDE', `La date de fin « ${to} » n'est pas une date AAAA-MM-JJ.`, 'period.to');
  if (from !== null && to !== null && from > to) throw invalid('PERIODE_INVALIDE', 'La date de début de la période est après sa date de fin.', 'period');
  return { from, to };
}

/**
 * The cohort of the service's cases. Per worker, the most recent exit of the period that gives a
 * line; when none does, the worker is counted once under the reason of his most recent exit.
 */
export async function buildServiceCohort(ctx: Ctx, period: { from: string | null; to: string | null }): Promise<ServiceCohort> {
  const today = civilDate(ctx.now);
  const exits = await repo.findExitsWithAssessment(ctx.trx, ctx.principal.tenantId, { ...period, timeZone: SERVICE_TIME_ZONE });
  const byWorker = new Map<string, repo.ExitWithAssessmentRow[]>();
  for (const x of exits) {
    const list = byWorker.get(x.worker_id);
    if (list) list.push(x);
    else byWorker.set(x.worker_id, [x]);
  }
  const excluded = new Map<ExclusionReason, number>(EXCLUSION_REASONS.map((r) => [r, 0]));
  const rows: CohortRow[] = [];
  for (const list of byWorker.values()) {
    let firstReason: ExclusionReason | null = null;
    let row: CohortRow | null = null;
    for (const x of list) {
      const outcome = outcomeAt12Months({ exitedAt: x.exited_at, followUp12mOutcome: x.follow_up_12m_outcome, lostToFollowUp: x.lost_to_follow_up }, today);
      let reason: ExclusionReason | null = 'excluded' in outcome ? outcome.excluded : null;
      if (!reason && 'issue' in outcome) {
        const columns = x.assessment_id ? cohortColumnsOfAssessment(x.inputs, Number(x.final_level)) : null;
        if (columns) row = { line: rows.length + 2, ...columns, issue: outcome.issue };
        else reason = x.any_assessment_before ? 'indice_sans_donnees' : 'sans_indice_signe_avant_sortie';
      }
      if (row) break;
      firstReason ??= reason;
    }
    if (row) rows.push(row);
    else if (firstReason) excluded.set(firstReason, excluded.get(firstReason)! + 1);
  }
  return {
    rows,
    counts: {
      period,
      exits: exits.length,
      workers: byWorker.size,
      included: rows.length,
      events: rows.reduce((s, r) => s + r.issue, 0),
      excluded: EXCLUSION_REASONS.map((reason) => ({ reason, label: EXCLUSION_LABELS[reason], count: excluded.get(reason)! })),
    },
  };
}

const fr = (n: number) => n.toLocaleString('fr-FR');
const frDate = (d: string) => d.split('-').reverse().join('/');

export type ServiceEvaluation =
  | { ok: true; report: ReturnType<typeof evaluateRows>['report']; html: string; errors: []; rejectedLines: 0; service: ServiceCohortCounts }
  | { ok: false; refusal: MaintienError; service: ServiceCohortCounts };

/**
 * Builds and evaluates the cohort. A cohort below the evaluator's own minimum (MIN_COMPONENT_ROWS
 * workers, with and without a loss of employment) is a refusal with a French message — returned,
 * not thrown, so that the audit of the read commits; the route answers it as a 400.
 */
export async function evaluateServiceCohort(ctx: Ctx, props: EvaluateServiceProps): Promise<ServiceEvaluation> {
  ensure(ctx.principal, 'risk.evaluate');
  const period = checkPeriod(props.period);
  // The service's own cases are evaluated with the model its index uses, unless another file is given.
  const model = props.model ? readHealthModel(props.model) : await serviceHealthModel(ctx);
  const { rows, counts } = await buildServiceCohort(ctx, period);
  const excludedTotal = counts.excluded.reduce((s, e) => s + e.count, 0);
  const audit = (details: Record<string, unknown>) =>
    ctx.record({
      action: 'risk.evaluation.run',
      subjectType: 'tenant',
      subjectId: ctx.principal.tenantId,
      category: 'sensitive',
      details: {
        source: 'dossiers_du_service',
        from: period.from,
        to: period.to,
        workers: counts.included,
        events: counts.events,
        excluded: Object.fromEntries(counts.excluded.map((e) => [e.reason, e.count])),
        ...details,
      },
    });

  const tooFew = counts.included < MIN_COMPONENT_ROWS;
  const noContrast = !tooFew && (counts.events === 0 || counts.events === counts.included);
  if (tooFew || noContrast) {
    await audit({ refused: tooFew ? 'COHORTE_TROP_PETITE' : 'COHORTE_SANS_CONTRASTE' });
    const tail = ` ${fr(counts.included)} salarié(s) retenu(s) sur ${fr(counts.workers)} sorti(s) du dispositif${excludedTotal > 0 ? ` (${fr(excludedTotal)} écarté(s) : ${counts.excluded.filter((e) => e.count > 0).map((e) => `${e.label.toLowerCase()} ${fr(e.count)}`).join(', ')})` : ''}.`;
    const refusal = tooFew
      ? invalid(
          'COHORTE_TROP_PETITE',
          `Trop peu de dossiers du service pour évaluer l'indice : il faut au moins ${MIN_COMPONENT_ROWS} salariés dont la situation à 12 mois est connue et qui avaient un indice signé avant leur sortie.${tail}`,
          undefined,
          counts,
        )
      : invalid(
          'COHORTE_SANS_CONTRASTE',
          `Les dossiers du service ne permettent pas d'évaluer l'indice : il faut des salariés maintenus en emploi et des salariés sortis de l'emploi à 12 mois (${fr(counts.events)} sortie(s) de l'emploi sur ${fr(counts.included)}).${tail}`,
          undefined,
          counts,
        );
    return { ok: false, refusal, service: counts };
  }

  const warnings = [
    `Cohorte construite à partir des dossiers du service${period.from || period.to ? ` (sorties${period.from ? ` du ${frDate(period.from)}` : ''}${period.to ? ` au ${frDate(period.to)}` : ''})` : ''} : ${fr(counts.included)} salarié(s) retenu(s) sur ${fr(counts.workers)} sorti(s) du dispositif ; données de l'indice signé le plus récent avant la sortie, issue au suivi à 12 mois.`,
  ];
  const unknown = counts.excluded.filter((e) => e.reason === 'perdu_de_vue' || e.reason === 'suivi_12_mois_non_renseigne').reduce((s, e) => s + e.count, 0);
  if (unknown > 0) {
    warnings.push(`${fr(unknown)} salarié(s) sans situation connue à 12 mois (perdus de vue ou suivi non renseigné) ont été écartés : s'ils diffèrent des autres, tous les résultats sont biaisés.`);
  }
  const cohortName = `dossiers-du-service${period.from ? `_du-${period.from}` : ''}${period.to ? `_au-${period.to}` : ''}`;
  const run = evaluateRows(rows, { cohortName, model, now: ctx.now, warnings });
  await audit({ model: `${run.report.model.id} ${run.report.model.version}` });
  return { ok: true, report: run.report, html: run.html, errors: [], rejectedLines: 0, service: counts };
}
