/** UI wording and colours of the questionnaires (the ids and titles come from the contract). */
import { risk } from '@contract';

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

/** How the professional's pickers name each worker questionnaire (with its length). */
const PICKER_LABELS: Partial<Record<risk.QuestionnaireId, string>> = {
  wai: 'Indice de capacité de travail (WAI, 7 questions)',
  wai_court: 'Questionnaire court (2 questions)',
};

/** Worker questionnaires a professional may send or enter. */
export const WORKER_QUESTIONNAIRES = risk.WORKER_QUESTIONNAIRES.map((value) => ({ value, label: PICKER_LABELS[value] ?? risk.QUESTIONNAIRE_TITLES[value] }));
