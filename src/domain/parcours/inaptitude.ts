/**
 * Inaptitude records and the ex-post review list (domain §8, IGAS §255): an avis d'inaptitude
 * (C. trav. L4624-4), with or without dispense de reclassement (L1226-2-1, L1226-12), and the
 * dismissal that may follow. The review list gathers the dismissals for inaptitude where the risk
 * index was high (latest signed final level ≥ 2, contract C2) and the cell had never been seized
 * before the avis (no dossier opened before its date). Pure, no I/O.
 */
import { isIsoDate } from '../calendar/dates';
import type { Checked } from '../errors';
import { addDays } from '../calendar/dates';

/** « High index » for the other parts (contract C2): latest signed final level ≥ 2. */
export const HIGH_INDEX_LEVEL = 2;

export const INAPTITUDE_ORIGINS = ['professionnelle', 'non_professionnelle'] as const;
export type InaptitudeOrigin = (typeof INAPTITUDE_ORIGINS)[number];
export const INAPTITUDE_ORIGIN_LABELS: Readonly<Record<InaptitudeOrigin, string>> = {
  professionnelle: "D'origine professionnelle (AT/MP)",
  non_professionnelle: "D'origine non professionnelle",
};

export interface InaptitudeInput {
  avisDate: string;
  dispenseReclassement: boolean;
  origin?: string | null;
  dismissalDate?: string | null;
}

/** An avis may be recorded up to this many days back (records of past years come from the DMST). */
export const INAPTITUDE_MAX_BACKDATE_DAYS = 3 * 365;

export function checkInaptitude(input: InaptitudeInput, today: string): Checked<{ avisDate: string; dispenseReclassement: boolean; origin: InaptitudeOrigin; dismissalDate: string | null }> {
  if (typeof input.avisDate !== 'string' || !isIsoDate(input.avisDate)) return { ok: false, code: 'DATE_AVIS_INVALIDE', message: "Date de l'avis d'inaptitude invalide (AAAA-MM-JJ).", field: 'avisDate' };
  if (input.avisDate > today) return { ok: false, code: 'DATE_AVIS_FUTURE', message: "L'avis d'inaptitude ne peut pas être daté du futur.", field: 'avisDate' };
  if (input.avisDate < addDays(today, -INAPTITUDE_MAX_BACKDATE_DAYS)) {
    return { ok: false, code: 'DATE_AVIS_TROP_ANCIENNE', message: "L'avis d'inaptitude ne peut pas remonter à plus de trois ans.", field: 'avisDate' };
  }
  if (typeof input.dispenseReclassement !== 'boolean') return { ok: false, code: 'DISPENSE_REQUISE', message: "Indiquez si l'avis dispense l'employeur de reclassement.", field: 'dispenseReclassement' };
  const origin = input.origin ?? 'non_professionnelle';
  if (!(INAPTITUDE_ORIGINS as readonly string[]).includes(origin)) return { ok: false, code: 'ORIGINE_INCONNUE', message: "Origine de l'inaptitude inconnue.", field: 'origin' };
  const dismissal = input.dismissalDate ?? null;
  if (dismissal !== null) {
    if (!isIsoDate(dismissal)) return { ok: false, code: 'DATE_LICENCIEMENT_INVALIDE', message: 'Date de licenciement invalide (AAAA-MM-JJ).', field: 'dismissalDate' };
    if (dismissal < input.avisDate) return { ok: false, code: 'LICENCIEMENT_AVANT_AVIS', message: "Le licenciement pour inaptitude ne peut pas précéder l'avis d'inaptitude.", field: 'dismissalDate' };
    if (dismissal > today) return { ok: false, code: 'DATE_LICENCIEMENT_FUTURE', message: 'La date de licenciement ne peut pas être dans le futur.', field: 'dismissalDate' };
  }
  return { ok: true, value: { avisDate: input.avisDate, dispenseReclassement: input.dispenseReclassement, origin: origin as InaptitudeOrigin, dismissalDate: dismissal } };
}

export interface ReviewFacts {
  dismissalDate: string | null;
  avisDate: string;
  /** Latest signed final level of the worker's risk index (C2), or null when none. */
  latestFinalLevel: number | null;
  /** Day the worker's first dossier was opened, or null when the cell never had one. */
  firstDossierOpenedOn: string | null;
}

/** Does the dismissal belong to the ex-post review list? */
export function belongsToReview(f: ReviewFacts): boolean {
  if (f.dismissalDate === null) return false;
  if (f.latestFinalLevel === null || f.latestFinalLevel < HIGH_INDEX_LEVEL) return false;
  return f.firstDossierOpenedOn === null || f.firstDossierOpenedOn >= f.avisDate;
}
