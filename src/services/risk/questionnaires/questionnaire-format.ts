/** How definitions and responses are presented to the API (French labels, explanation of the score). */
import type { Selectable } from 'kysely';
import type { QuestionnaireResponseTable } from '../../../db/schema-risk/questionnaires';
import {
  definitionAt,
  isQuestionnaireId,
  QUESTIONNAIRE_TITLES,
  RESPONDENT_LABELS,
  RESPONSE_STATUS_LABELS,
  type Answers,
  type QuestionnaireDefinition,
  type Respondent,
} from '../../../domain/risk/questionnaires';

/** A definition without its scoring function (what the form needs). */
export function presentDefinition(def: QuestionnaireDefinition) {
  return {
    id: def.id,
    version: def.version,
    title: def.title,
    intro: def.intro,
    respondents: [...def.respondents],
    scoreLabel: def.scoreLabel,
    scoreMin: def.scoreMin,
    scoreMax: def.scoreMax,
    categories: def.categories.map((c) => ({ ...c })),
    sources: [...def.sources],
    items: def.items.map((i) => ({ ...i, options: i.options?.map((o) => ({ ...o })) })),
  };
}

export type ResponseRow = Selectable<QuestionnaireResponseTable> & { entered_by_name?: string | null };

/**
 * A response with its result explained: the score, its category and what it means, the points
 * of each item (or group), the alarms reached. `withAnswers` adds the raw answers.
 */
export function presentResponse(r: ResponseRow, opts: { withAnswers?: boolean } = {}) {
  const def = definitionAt(r.questionnaire, r.version);
  const complete = r.status === 'complete' && r.score !== null && def !== null;
  const result = complete ? def.score(r.answers as Answers) : null;
  const category = complete && r.category ? def.categories.find((c) => c.code === r.category) : undefined;
  return {
    id: r.id,
    questionnaire: r.questionnaire,
    title: isQuestionnaireId(r.questionnaire) ? QUESTIONNAIRE_TITLES[r.questionnaire] : r.questionnaire,
    version: r.version,
    workerId: r.worker_id,
    companyId: r.company_id,
    dossierId: r.dossier_id,
    respondent: r.respondent,
    respondentLabel: RESPONDENT_LABELS[r.respondent as Respondent] ?? r.respondent,
    status: r.status,
    statusLabel: RESPONSE_STATUS_LABELS[r.status as keyof typeof RESPONSE_STATUS_LABELS] ?? r.status,
    score: r.score === null ? null : Number(r.score),
    scoreMin: def?.scoreMin ?? null,
    scoreMax: def?.scoreMax ?? null,
    scoreLabel: def?.scoreLabel ?? null,
    category: r.category,
    categoryLabel: category?.label ?? null,
    explanation: category?.explanation ?? null,
    parts: result?.parts ?? [],
    alerts: result?.alerts ?? [],
    answeredCount: Object.keys(r.answers).length,
    itemCount: def?.items.length ?? 0,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    updatedAt: r.updated_at,
    enteredByName: r.entered_by_name ?? null,
    ...(opts.withAnswers ? { answers: r.answers } : {}),
  };
}
