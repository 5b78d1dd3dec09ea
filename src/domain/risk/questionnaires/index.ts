/**
 * The questionnaires of the risk module (issue 5, contract C1): definitions by id and version,
 * validation of answers item by item, and scoring. Pure: no database, no clock.
 */
import { EMPLOYEUR_V1 } from './employeur';
import type { QuestionnaireDefinition, QuestionnaireId, Respondent } from './types';
import { WAI_COURT_V1 } from './wai-court';
import { WAI_V1 } from './wai';

export * from './types';
export { validateAnswers, categoryOf, WHOLE, type AnswerErrors, type AnswersCheck } from './validate';
export { diseasesPoints, mentalResourcesPoints, demandsPoints, NATURE_WEIGHTS, WAI_DISEASES, WAI_V1 } from './wai';
export { shortFormAlerts, SHORT_CAPACITY_ALARM, SHORT_OUTLOOK_ALARM, WAI_COURT_V1 } from './wai-court';
export { employerScore, EMPLOYER_MAX_POINTS, EMPLOYER_ITEM_MAX, EMPLOYEUR_V1 } from './employeur';

export const QUESTIONNAIRE_IDS: readonly QuestionnaireId[] = ['wai', 'wai_court', 'employeur'];
export const RESPONDENTS: readonly Respondent[] = ['salarie', 'professionnel', 'employeur'];

/** Every published version, oldest first (a response is always scored with the version it answered). */
const ALL: readonly QuestionnaireDefinition[] = [WAI_V1, WAI_COURT_V1, EMPLOYEUR_V1];

export const isQuestionnaireId = (x: string): x is QuestionnaireId => (QUESTIONNAIRE_IDS as readonly string[]).includes(x);

/** The current version of a questionnaire. */
export function currentDefinition(id: QuestionnaireId): QuestionnaireDefinition {
  const defs = ALL.filter((d) => d.id === id);
  return defs[defs.length - 1]!;
}

/** A given version, or null if it was never published. */
export function definitionAt(id: string, version: number): QuestionnaireDefinition | null {
  return ALL.find((d) => d.id === id && d.version === version) ?? null;
}

/** Questionnaires about the worker's health (medical data); the employer one is about a company. */
export const WORKER_QUESTIONNAIRES: readonly QuestionnaireId[] = ['wai', 'wai_court'];

export const QUESTIONNAIRE_TITLES: Readonly<Record<QuestionnaireId, string>> = {
  wai: WAI_V1.title,
  wai_court: WAI_COURT_V1.title,
  employeur: EMPLOYEUR_V1.title,
};

export const RESPONSE_STATUS_LABELS = { en_cours: 'En cours', complete: 'Complété' } as const;
export const RESPONDENT_LABELS: Readonly<Record<Respondent, string>> = { salarie: 'Le salarié', professionnel: 'Un professionnel de santé', employeur: 'L’employeur' };
