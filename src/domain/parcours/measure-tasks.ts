/** Kinds of the tasks this part creates (manual tasks, deadlines of measures) and their labels. */
export const MANUAL_TASK_KIND = 'manuelle';
/** Task at the end of a measure (rule id of the task, subject `measure:<id>:<end>`). */
export const MEASURE_END_TASK_KIND = 'fin_mesure';

export const PARCOURS_TASK_KIND_LABELS: Readonly<Record<string, string>> = {
  [MANUAL_TASK_KIND]: 'Tâche',
  [MEASURE_END_TASK_KIND]: "Échéance d'une mesure",
};

export const measureEndSubject = (measureId: string, endDate: string) => `measure:${measureId}:${endDate}`;
/** Longest title of a manual task. */
export const TASK_TITLE_MAX_LENGTH = 200;
