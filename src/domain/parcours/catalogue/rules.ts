/**
 * The rules of the catalogue a measure is checked against when it is proposed, renewed or
 * granted. Each refusal names the rule and its legal basis, with a stable code. The numbers
 * come from the catalogue data, exposed here as named constants (one place, tested at their
 * boundaries).
 */
import { addDays } from '../../calendar/dates';
import { approvalLabel, catalogueMeasure, DURATION_UNIT_LABELS, type ApprovalKind, type DurationLimit, type MeasureCode } from './catalogue';
import { addMonths, joursOuvrables, lastDayOfMonths } from './working-days';

const essai = catalogueMeasure('essaiEncadre').limits;
const crpe = catalogueMeasure('crpe').limits;
const pmsmp = catalogueMeasure('pmsmp').limits;
const tpt = catalogueMeasure('tpt').limits;
const ptp = catalogueMeasure('ptp').limits;

/** CSS D323-6 et s.: an essai encadré lasts at most 14 jours ouvrables… */
export const ESSAI_ENCADRE_MAX_WORKING_DAYS = essai.period!.max;
/** …renewable once… */
export const ESSAI_ENCADRE_MAX_RENEWALS = essai.maxRenewals!;
/** …within 28 jours ouvrables in all. */
export const ESSAI_ENCADRE_MAX_TOTAL_WORKING_DAYS = essai.total!.max;
/** CRPE: at most 18 months, not renewable. */
export const CRPE_MAX_MONTHS = crpe.period!.max;
/** PMSMP: at most one month, one exceptional renewal, two months in all. */
export const PMSMP_MAX_MONTHS = pmsmp.period!.max;
export const PMSMP_MAX_RENEWALS = pmsmp.maxRenewals!;
export const PMSMP_MAX_TOTAL_MONTHS = pmsmp.total!.max;
/** TPT: may run at most 12 months beyond the 3-year IJ limit (information shown on the case). */
export const TPT_MAX_MONTHS_BEYOND_IJ_LIMIT = tpt.beyondIjLimitMonths!;
/** PTP: seniority waived after 6 months of absence (consecutive or not) within the last 24 months. */
export const PTP_WAIVER_ABSENCE_MONTHS = ptp.seniorityWaiverAbsenceMonths!;
export const PTP_WAIVER_LOOKBACK_MONTHS = ptp.seniorityWaiverLookbackMonths!;
/** A month of absence counted as 30 days for the PTP waiver (the text says « six mois »). */
export const DAYS_PER_MONTH_OF_ABSENCE = 30;

/**
 * One period of a measure: the first, then each renewal — or, for a measure taken in fractions
 * (essai encadré), a further fraction of the current one (`fraction: true`). `end` null: open-ended.
 */
export interface MeasurePeriod {
  start: string;
  end: string | null;
  /** A further fraction of the essai (or of its renewal) in progress, not a renewal. */
  fraction?: boolean;
}

/**
 * The periods grouped by essai: a group opens with the first period and with each renewal, and
 * takes the fractions that follow it. A measure without fractions: one group per period.
 */
export function periodGroups<P extends MeasurePeriod>(periods: readonly P[]): P[][] {
  const groups: P[][] = [];
  for (const [i, p] of periods.entries()) {
    if (i > 0 && p.fraction === true) groups[groups.length - 1].push(p);
    else groups.push([p]);
  }
  return groups;
}

/** Renewals used by these periods (fractions are not renewals). */
export function renewalsOf(periods: readonly MeasurePeriod[]): number {
  return Math.max(0, periodGroups(periods).length - 1);
}

/** An arrêt as the rules see it. */
export interface MeasureArret {
  startDate: string;
  /** Actual end, else expected end, else null (still open). */
  endDate: string | null;
  cancelled: boolean;
  nature?: string;
}

export interface RuleViolation {
  code: string;
  message: string;
  field?: string;
}

export const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const amount = (n: number, unit: DurationLimit['unit']) => `${n} ${DURATION_UNIT_LABELS[unit][n > 1 ? 1 : 0]}`;

function ruleName(code: MeasureCode, rule: string): string {
  const m = catalogueMeasure(code);
  return `Règle « ${rule} » (${m.label}, ${m.legalBasis.join(', ')})`;
}

/** Length of a period in the unit of a limit, and whether it fits. */
export function periodFits(start: string, end: string, limit: DurationLimit): { fits: boolean; length: number | null } {
  switch (limit.unit) {
    case 'jours_ouvrables': {
      const n = joursOuvrables(start, end);
      return { fits: n <= limit.max, length: n };
    }
    case 'jours': {
      const n = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
      return { fits: n <= limit.max, length: n };
    }
    case 'mois':
      return { fits: end <= lastDayOfMonths(start, limit.max), length: null };
  }
}

/** First day of `periods` not covered by a (not cancelled) arrêt, or null when all are. */
export function firstDayOutsideArret(periods: readonly MeasurePeriod[], arrets: readonly MeasureArret[]): string | null {
  const spans = arrets.filter((a) => !a.cancelled).map((a) => [a.startDate, a.endDate ?? '9999-12-31'] as const);
  for (const p of periods) {
    const end = p.end ?? p.start;
    for (let d = p.start; d <= end; d = addDays(d, 1)) {
      const cover = spans.find(([s, e]) => s <= d && d <= e);
      if (!cover) return d;
      // Jump to the end of the covering arrêt.
      if (cover[1] >= end) break;
      d = cover[1];
    }
  }
  return null;
}

/**
 * Checks the periods of a measure against the catalogue: dates in order, number of renewals,
 * length of each period and of all, and the arrêt condition. Returns every violation, first
 * the most fundamental.
 */
export function checkMeasurePeriods(code: MeasureCode, periods: readonly MeasurePeriod[], arrets: readonly MeasureArret[]): RuleViolation[] {
  const m = catalogueMeasure(code);
  const l = m.limits;
  const out: RuleViolation[] = [];
  if (periods.length === 0) return [{ code: 'MESURE_DATES_INVALIDES', message: 'Indiquez la date de début de la mesure.', field: 'startDate' }];
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i];
    if (p.end !== null && p.end < p.start) return [{ code: 'MESURE_DATES_INVALIDES', message: `La fin (${frDate(p.end)}) précède le début (${frDate(p.start)}).`, field: 'endDate' }];
    if (i < periods.length - 1 && p.end === null) return [{ code: 'MESURE_DATES_INVALIDES', message: 'Une période renouvelée doit avoir une date de fin.', field: 'endDate' }];
    const prev = periods[i - 1];
    if (prev && prev.end !== null && p.start <= prev.end) {
      const what = p.fraction === true ? 'La fraction' : 'Le renouvellement';
      return [{ code: 'MESURE_DATES_INVALIDES', message: `${what} doit commencer après la fin de la période précédente (${frDate(prev.end)}).`, field: 'startDate' }];
    }
    if ((l.period || l.total) && p.end === null) {
      return [{ code: 'MESURE_FIN_REQUISE', message: `${ruleName(code, 'durée maximale')} : indiquez la date de fin de la période.`, field: 'endDate' }];
    }
  }
  if (!l.fractionable && periods.some((p, i) => i > 0 && p.fraction === true)) {
    return [{ code: 'MESURE_FRACTION_INTERDITE', message: `${ruleName(code, 'fractionnement')} : cette mesure ne se prend pas en plusieurs fractions ; renouvelez-la si le catalogue le permet.`, field: 'startDate' }];
  }
  const groups = periodGroups(periods);
  const renewals = groups.length - 1;
  if (l.maxRenewals !== null && renewals > l.maxRenewals) {
    out.push({
      code: 'MESURE_RENOUVELLEMENT_DEPASSE',
      message:
        l.maxRenewals === 0
          ? `${ruleName(code, 'renouvellement')} : cette mesure ne se renouvelle pas.`
          : `${ruleName(code, 'renouvellement')} : ${l.maxRenewals === 1 ? 'un seul renouvellement est possible' : `${l.maxRenewals} renouvellements au plus`} ; celui-ci serait le ${renewals === 2 ? 'deuxième' : `${renewals}e`}.`,
    });
  }
  if (l.period) {
    for (const g of groups) {
      if (g.length > 1 && l.period.unit !== 'mois') {
        // CSS D323-6 s.: one essai, continuous or in fractions — its fractions count together.
        const length = g.reduce((n, p) => n + (periodFits(p.start, p.end!, { max: Number.MAX_SAFE_INTEGER, unit: l.period!.unit }).length ?? 0), 0);
        if (length > l.period.max) {
          out.push({
            code: 'MESURE_DUREE_DEPASSEE',
            message: `${ruleName(code, 'durée maximale')} : ${amount(l.period.max, l.period.unit)} au plus par essai, fractions comprises ; l'essai du ${frDate(g[0].start)} au ${frDate(g[g.length - 1].end!)}, en ${g.length} fractions, en compte ${length}.`,
            field: 'endDate',
          });
          break;
        }
        continue;
      }
      const p = g[0];
      const r = periodFits(p.start, p.end!, l.period);
      if (!r.fits) {
        const tail = r.length !== null ? ` ; la période du ${frDate(p.start)} au ${frDate(p.end!)} en compte ${r.length}` : ` ; la période du ${frDate(p.start)} devrait finir au plus tard le ${frDate(lastDayOfMonths(p.start, l.period.max))}`;
        out.push({ code: 'MESURE_DUREE_DEPASSEE', message: `${ruleName(code, 'durée maximale')} : ${amount(l.period.max, l.period.unit)} au plus par période${tail}.`, field: 'endDate' });
        break;
      }
    }
  }
  if (l.total && periods.length > 1) {
    const last = periods[periods.length - 1].end!;
    let fits: boolean;
    let length: number | null = null;
    if (l.total.unit === 'mois') fits = periodFits(periods[0].start, last, l.total).fits;
    else {
      length = periods.reduce((n, p) => n + (periodFits(p.start, p.end!, { max: Number.MAX_SAFE_INTEGER, unit: l.total!.unit }).length ?? 0), 0);
      fits = length <= l.total.max;
    }
    if (!fits) {
      out.push({
        code: 'MESURE_DUREE_TOTALE_DEPASSEE',
        message: `${ruleName(code, 'durée totale')} : ${amount(l.total.max, l.total.unit)} au plus, renouvellement compris${length !== null ? ` ; les périodes en comptent ${length}` : ''}.`,
        field: 'endDate',
      });
    }
  }
  if (l.requiresArret) {
    const day = firstDayOutsideArret(periods, arrets);
    if (day) {
      out.push({
        code: 'MESURE_HORS_ARRET',
        message: `${ruleName(code, 'pendant un arrêt de travail')} : la mesure ne peut se dérouler que pendant un arrêt de travail ; aucun arrêt ne couvre le ${frDate(day)}.`,
        field: 'startDate',
      });
    }
  }
  return out;
}

export interface ApprovalDecision {
  kind: string;
  decision: 'accord' | 'refus';
  decidedAt: string | Date;
}

/** Latest decision per approval kind. */
function latestDecisions(approvals: readonly ApprovalDecision[]): Map<string, ApprovalDecision> {
  const latest = new Map<string, ApprovalDecision>();
  for (const a of approvals) {
    const prev = latest.get(a.kind);
    if (!prev || new Date(a.decidedAt).getTime() >= new Date(prev.decidedAt).getTime()) latest.set(a.kind, a);
  }
  return latest;
}

/** Required approvals whose latest decision is not an accord. */
export function missingApprovals(code: MeasureCode, approvals: readonly ApprovalDecision[]): ApprovalKind[] {
  const latest = latestDecisions(approvals);
  return catalogueMeasure(code).approvals.filter((k) => latest.get(k)?.decision !== 'accord');
}

/** Required approvals that were refused (latest decision). */
export function refusedApprovals(code: MeasureCode, approvals: readonly ApprovalDecision[]): ApprovalKind[] {
  const latest = latestDecisions(approvals);
  return catalogueMeasure(code).approvals.filter((k) => latest.get(k)?.decision === 'refus');
}

/** The rule « accords requis »: every approval of the catalogue before « accordée ». */
export function checkApprovals(code: MeasureCode, approvals: readonly ApprovalDecision[]): RuleViolation | null {
  const missing = missingApprovals(code, approvals);
  if (missing.length === 0) return null;
  const refused = refusedApprovals(code, approvals);
  if (refused.length > 0) {
    return { code: 'MESURE_ACCORD_REFUSE', message: `${ruleName(code, 'accords requis')} : refus de ${refused.map(approvalLabel).join(', ')} ; la mesure ne peut pas être accordée.` };
  }
  return { code: 'MESURE_ACCORD_MANQUANT', message: `${ruleName(code, 'accords requis')} : il manque l'accord de ${missing.map(approvalLabel).join(', ')} avant de passer la mesure à « accordée ».` };
}

/**
 * C. trav. D6323-9 (I, last paragraph, décret 2022-373): the seniority conditions of a PTP do not
 * apply to a worker « ayant connu, […] dans les vingt-quatre mois ayant précédé sa demande de
 * projet de transition professionnelle, une absence au travail résultant d'une maladie
 * professionnelle ou une absence au travail d'au moins six mois, consécutifs ou non, résultant
 * d'un accident du travail, d'une maladie ou d'un accident non professionnel ».
 * So: the 24 months bound both cases (the MP too); the six months count AT, maladie and accident
 * (and MP) — not a congé de maternité. An arrêt without a nature is an arrêt maladie (the flux's
 * default nature).
 */
export const PTP_WAIVER_NATURES: readonly string[] = ['maladie', 'accident_travail', 'maladie_professionnelle'];

export interface PtpSeniorityWaiver {
  waived: boolean;
  /** An absence for a maladie professionnelle within the window. */
  maladieProfessionnelle: boolean;
  /** Days of absence (AT, maladie, MP; overlaps once) within the window. */
  absenceDays: number;
  /** Days needed: six months of 30 days. */
  neededDays: number;
  /** The 24 months preceding the request: first and last day. */
  windowStart: string;
  windowEnd: string;
}

/** The PTP seniority waiver for a request made on `onDate`, with what decided it. */
export function ptpSeniorityWaiver(arrets: readonly MeasureArret[], onDate: string): PtpSeniorityWaiver {
  const from = addMonths(onDate, -PTP_WAIVER_LOOKBACK_MONTHS);
  const to = addDays(onDate, -1);
  const counted = arrets.filter((a) => !a.cancelled && PTP_WAIVER_NATURES.includes(a.nature ?? 'maladie') && a.startDate <= to && (a.endDate ?? to) >= from);
  const maladieProfessionnelle = counted.some((a) => a.nature === 'maladie_professionnelle');
  const days = new Set<string>();
  for (const a of counted) {
    const s = a.startDate > from ? a.startDate : from;
    const e = (a.endDate ?? to) < to ? (a.endDate ?? to) : to;
    for (let d = s; d <= e; d = addDays(d, 1)) days.add(d);
  }
  const neededDays = PTP_WAIVER_ABSENCE_MONTHS * DAYS_PER_MONTH_OF_ABSENCE;
  return { waived: maladieProfessionnelle || days.size >= neededDays, maladieProfessionnelle, absenceDays: days.size, neededDays, windowStart: from, windowEnd: to };
}

/** Is the PTP seniority condition waived for a request made on `onDate` (D6323-9)? */
export function ptpSeniorityWaived(arrets: readonly MeasureArret[], onDate: string): boolean {
  return ptpSeniorityWaiver(arrets, onDate).waived;
}
