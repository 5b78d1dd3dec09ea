/**
 * Who may benefit from a measure, and what the plan should know beyond the hard rules:
 *
 * - CRPE (convention de rééducation professionnelle en entreprise, C. trav. L5213-3-1, CSS
 *   L323-3-1, L432-9): open to a worker declared inapte, to one for whom the médecin du travail
 *   has identified a risque d'inaptitude, and to a bénéficiaire de l'obligation d'emploi
 *   (C. trav. L5212-13: RQTH and the other titles) — domain §5, seed 002 table 2, seed 004 §7.
 *   The plan records on which of the three the CRPE rests and checks it against the data it has
 *   (the avis d'inaptitude recorded on the worker; the date the médecin du travail identified the
 *   risk; the date and end of the recognition).
 * - PMSMP during an arrêt: the Hauts-de-France seminar of 25/11/2025 (seed 004 §6) says it « a été
 *   ouverte aux assurés en arrêt de travail pour une durée maximale préconisée de 15 jours ». A
 *   recommendation, not a text: the legal limit (one month, one renewal — C. trav. D5135-3) stays
 *   the rule; beyond 15 days the plan shows a warning, never a refusal.
 * - PTP: whether the seniority condition is waived (C. trav. D6323-9), explained on the plan.
 * Pure, no I/O.
 */
import { isIsoDate } from '../../calendar/dates';
import { catalogueMeasure, type MeasureCode } from './catalogue';
import { frDate, periodFits, ptpSeniorityWaiver, type MeasureArret, type MeasurePeriod, type RuleViolation } from './rules';

export const CRPE_ELIGIBILITY_BASES = ['inapte', 'risque_inaptitude', 'boeth'] as const;
export type CrpeEligibilityBasis = (typeof CRPE_ELIGIBILITY_BASES)[number];
export const CRPE_ELIGIBILITY_LABELS: Readonly<Record<CrpeEligibilityBasis, string>> = {
  inapte: "Déclaré inapte par le médecin du travail (avis d'inaptitude)",
  risque_inaptitude: "Risque d'inaptitude identifié par le médecin du travail",
  boeth: "Bénéficiaire de l'obligation d'emploi (RQTH ou autre titre, C. trav. L5212-13)",
};
export const isCrpeEligibilityBasis = (x: unknown): x is CrpeEligibilityBasis => typeof x === 'string' && (CRPE_ELIGIBILITY_BASES as readonly string[]).includes(x);

/** What the team states when proposing a CRPE. */
export interface EligibilityInput {
  basis?: string | null;
  /** Risque d'inaptitude: the day the médecin du travail identified it; BOETH: the day of the decision. */
  attestedOn?: string | null;
  /** BOETH: the last day of the recognition (null: no end). */
  validUntil?: string | null;
}

/** The eligibility stored on the measure. */
export interface MeasureEligibility {
  basis: CrpeEligibilityBasis;
  attestedOn: string;
  validUntil: string | null;
}

/** What the platform knows of the worker for the check. */
export interface CrpeEligibilityFacts {
  /** Dates of the avis d'inaptitude recorded for the worker. */
  inaptitudeAvisDates: readonly string[];
}

const crpeRule = () => {
  const m = catalogueMeasure('crpe');
  return `Règle « bénéficiaires » (${m.label}, ${m.legalBasis.join(', ')})`;
};
const refuse = (code: string, message: string, field = 'eligibility'): { ok: false; violation: RuleViolation } => ({ ok: false, violation: { code, message: `${crpeRule()} : ${message}`, field } });

/** Checks on which ground a CRPE starting on `startDate` rests (see the module comment). */
export function checkCrpeEligibility(
  input: EligibilityInput | null | undefined,
  facts: CrpeEligibilityFacts,
  startDate: string,
  today: string,
): { ok: true; value: MeasureEligibility } | { ok: false; violation: RuleViolation } {
  if (!input || !input.basis) {
    return refuse(
      'CRPE_CONDITION_REQUISE',
      "indiquez à quel titre le salarié peut en bénéficier : déclaré inapte, risque d'inaptitude identifié par le médecin du travail, ou bénéficiaire de l'obligation d'emploi (RQTH).",
    );
  }
  if (!isCrpeEligibilityBasis(input.basis)) return refuse('CRPE_CONDITION_INCONNUE', 'titre inconnu : choisissez inapte, risque d’inaptitude ou bénéficiaire de l’obligation d’emploi.', 'eligibility.basis');
  if (input.basis === 'inapte') {
    const avis = facts.inaptitudeAvisDates.filter((d) => d <= startDate).sort();
    if (avis.length === 0) {
      return refuse(
        'CRPE_CONDITION_NON_REMPLIE',
        `aucun avis d'inaptitude n'est enregistré pour ce salarié au ${frDate(startDate)} ; enregistrez l'avis (section « Inaptitude » du dossier) ou choisissez un autre titre.`,
        'eligibility.basis',
      );
    }
    return { ok: true, value: { basis: 'inapte', attestedOn: avis[avis.length - 1], validUntil: null } };
  }
  const what = input.basis === 'risque_inaptitude' ? "la date à laquelle le médecin du travail a identifié le risque d'inaptitude" : 'la date de la décision de reconnaissance (RQTH ou autre titre)';
  if (!input.attestedOn) return refuse('CRPE_DATE_REQUISE', `indiquez ${what}.`, 'eligibility.attestedOn');
  if (!isIsoDate(input.attestedOn)) return refuse('CRPE_DATE_INVALIDE', `${what} est invalide (JJ/MM/AAAA).`, 'eligibility.attestedOn');
  if (input.attestedOn > today) return refuse('CRPE_DATE_FUTURE', `${what} ne peut pas être dans le futur.`, 'eligibility.attestedOn');
  if (input.attestedOn > startDate) return refuse('CRPE_CONDITION_NON_REMPLIE', `${what} (${frDate(input.attestedOn)}) est postérieure au début de la CRPE (${frDate(startDate)}).`, 'eligibility.attestedOn');
  let validUntil: string | null = null;
  if (input.basis === 'boeth' && input.validUntil) {
    if (!isIsoDate(input.validUntil)) return refuse('CRPE_DATE_INVALIDE', 'la date de fin de la reconnaissance est invalide (JJ/MM/AAAA).', 'eligibility.validUntil');
    if (input.validUntil < input.attestedOn) return refuse('CRPE_DATES_INCOHERENTES', 'la reconnaissance ne peut pas finir avant sa décision.', 'eligibility.validUntil');
    if (input.validUntil < startDate) {
      return refuse('CRPE_CONDITION_NON_REMPLIE', `la reconnaissance prend fin le ${frDate(input.validUntil)}, avant le début de la CRPE (${frDate(startDate)}).`, 'eligibility.validUntil');
    }
    validUntil = input.validUntil;
  }
  return { ok: true, value: { basis: input.basis, attestedOn: input.attestedOn, validUntil } };
}

/** The stored eligibility, or null when absent or not readable (a CRPE proposed before the rule). */
export function eligibilityFrom(stored: unknown): MeasureEligibility | null {
  if (stored === null || typeof stored !== 'object') return null;
  const o = stored as Record<string, unknown>;
  if (!isCrpeEligibilityBasis(o.basis) || typeof o.attestedOn !== 'string') return null;
  return { basis: o.basis, attestedOn: o.attestedOn, validUntil: typeof o.validUntil === 'string' ? o.validUntil : null };
}

/** PMSMP: longest advised length for a worker in arrêt, in calendar days (catalogue data). */
export const PMSMP_IN_ARRET_ADVISED_DAYS = catalogueMeasure('pmsmp').limits.inArretAdvisedDays!;

export interface Advisory {
  code: string;
  message: string;
}

const overlapsArret = (periods: readonly MeasurePeriod[], arrets: readonly MeasureArret[]) =>
  arrets.some((a) => !a.cancelled && periods.some((p) => a.startDate <= (p.end ?? p.start) && (a.endDate ?? '9999-12-31') >= p.start));

/**
 * What the plan explains of a measure beyond its hard rules: the PMSMP advice for a worker in
 * arrêt (a warning), the PTP seniority waiver (on the day of the request, `requestDate`, by
 * default the first day), a CRPE proposed without its ground.
 */
export function measureAdvisories(code: MeasureCode, periods: readonly MeasurePeriod[], arrets: readonly MeasureArret[], opts: { requestDate?: string; eligibility?: MeasureEligibility | null } = {}): Advisory[] {
  if (periods.length === 0) return [];
  if (code === 'pmsmp') {
    if (periods.some((p) => p.end === null) || !overlapsArret(periods, arrets)) return [];
    const days = periods.reduce((n, p) => n + (periodFits(p.start, p.end!, { max: Number.MAX_SAFE_INTEGER, unit: 'jours' }).length ?? 0), 0);
    if (days <= PMSMP_IN_ARRET_ADVISED_DAYS) return [];
    return [
      {
        code: 'PMSMP_DUREE_PRECONISEE_DEPASSEE',
        message: `Pour un salarié en arrêt de travail, une PMSMP de ${PMSMP_IN_ARRET_ADVISED_DAYS} jours au plus est préconisée (séminaire régional PDP Hauts-de-France du 25/11/2025) ; celle-ci en compte ${days}. La durée légale reste d'un mois, renouvelable une fois.`,
      },
    ];
  }
  if (code === 'ptp') {
    const w = ptpSeniorityWaiver(arrets, opts.requestDate ?? periods[0].start);
    const window = `dans les 24 mois précédant la demande (du ${frDate(w.windowStart)} au ${frDate(w.windowEnd)})`;
    if (w.maladieProfessionnelle) return [{ code: 'PTP_ANCIENNETE_LEVEE', message: `Condition d'ancienneté levée (C. trav. D6323-9) : absence pour maladie professionnelle ${window}.` }];
    if (w.waived) return [{ code: 'PTP_ANCIENNETE_LEVEE', message: `Condition d'ancienneté levée (C. trav. D6323-9) : ${w.absenceDays} jours d'absence pour accident du travail, maladie ou accident ${window}.` }];
    return [
      {
        code: 'PTP_ANCIENNETE_REQUISE',
        message: `Condition d'ancienneté requise (C. trav. D6323-9) : ${w.absenceDays} jours d'absence pour accident du travail, maladie ou accident ${window}, il en faut ${w.neededDays} (six mois), ou une absence pour maladie professionnelle ; un congé de maternité ne compte pas.`,
      },
    ];
  }
  if (code === 'crpe' && !opts.eligibility) {
    return [{ code: 'CRPE_CONDITION_NON_RENSEIGNEE', message: "Le titre auquel le salarié bénéficie de la CRPE (inapte, risque d'inaptitude, obligation d'emploi) n'est pas renseigné." }];
  }
  return [];
}
