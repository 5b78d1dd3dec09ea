/** Shapes of the questionnaires API (src/http/routes/risk/questionnaires.ts). */

import type { Answers, QuestionnaireItem } from '../../../../src/domain/risk/questionnaires/types';

export type { Answers, AnswerValue, ItemOption, QuestionnaireItem } from '../../../../src/domain/risk/questionnaires/types';

export interface Definition {
  id: string;
  version: number;
  title: string;
  intro: string;
  respondents: string[];
  scoreLabel: string;
  scoreMin: number;
  scoreMax: number;
  categories: { code: string; label: string; from: number; to: number; explanation: string }[];
  sources: string[];
  items: readonly QuestionnaireItem[];
}

export interface QuestionnaireResponse {
  id: string;
  questionnaire: string;
  title: string;
  version: number;
  workerId: string | null;
  companyId: string | null;
  dossierId: string | null;
  respondent: string;
  respondentLabel: string;
  status: 'en_cours' | 'complete';
  statusLabel: string;
  score: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  scoreLabel: string | null;
  category: string | null;
  categoryLabel: string | null;
  explanation: string | null;
  parts: { id: string; label: string; points: number; max: number }[];
  alerts: string[];
  answeredCount: number;
  itemCount: number;
  startedAt: string;
  completedAt: string | null;
  updatedAt: string;
  enteredByName: string | null;
  answers?: Answers;
}

export interface QuestionnaireLink {
  id: string;
  questionnaire: string;
  title: string;
  state: 'ouvert' | 'complete' | 'expire' | 'revoque';
  stateLabel: string;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  completedAt: string | null;
  responseId: string | null;
}

export interface WorkerQuestionnaires {
  workerId: string;
  mayEnter: boolean;
  responses: QuestionnaireResponse[];
  links: QuestionnaireLink[];
}

export interface LinkPage {
  id: string;
  state: QuestionnaireLink['state'];
  expiresAt: string;
  organisationName: string | null;
  definition: Definition;
  answers: Answers;
}

export interface EmployerQuestionnairePage {
  company: { id: string; name: string };
  definition: Definition;
  draft: { id: string; answers: Answers; updatedAt: string } | null;
  results: QuestionnaireResponse[];
}

/** Pale backgrounds under dark text (WCAG AA contrast whatever the colour). */
export const CATEGORY_COLORS: Record<string, string> = {
  mauvais: 'red.2',
  moyen: 'orange.2',
  bon: 'teal.2',
  excellent: 'green.2',
  faible: 'green.2',
  modere: 'yellow.2',
  eleve: 'orange.2',
  tres_eleve: 'red.2',
};

/** Worker questionnaires a professional may send or enter. */
export const WORKER_QUESTIONNAIRES = [
  { value: 'wai', label: 'Indice de capacité de travail (WAI, 7 questions)' },
  { value: 'wai_court', label: 'Questionnaire court (2 questions)' },
];
