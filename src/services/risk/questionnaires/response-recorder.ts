/** A health professional enters a worker's answers during a visit (saved « en cours » or completed). */
import { invalid } from '../../../domain/errors';
import { currentDefinition, isQuestionnaireId, WORKER_QUESTIONNAIRES, type QuestionnaireId } from '../../../domain/risk/questionnaires';
import type { Ctx } from '../../context';
import { saveAnswers } from './answers-saver';
import { dossierFor, ensureMayEnter } from './questionnaire-access';
import { presentResponse } from './questionnaire-format';

export interface RecordResponseProps {
  workerId: string;
  questionnaire: string;
  dossierId?: string | null;
  answers: unknown;
  complete: boolean;
}

export function workerQuestionnaire(id: string): QuestionnaireId {
  if (!isQuestionnaireId(id) || !WORKER_QUESTIONNAIRES.includes(id)) {
    throw invalid('QUESTIONNAIRE_INCONNU', `Questionnaire inconnu : choisissez ${WORKER_QUESTIONNAIRES.join(' ou ')}.`, 'questionnaire');
  }
  return id;
}

export async function recordWorkerResponse(ctx: Ctx, props: RecordResponseProps) {
  const id = workerQuestionnaire(props.questionnaire);
  await ensureMayEnter(ctx, props.workerId);
  const dossierId = await dossierFor(ctx, props.workerId, props.dossierId);
  const row = await saveAnswers(ctx, {
    def: currentDefinition(id),
    answers: props.answers,
    complete: props.complete,
    target: { create: { workerId: props.workerId, companyId: null, dossierId, respondent: 'professionnel' } },
  });
  return presentResponse(row, { withAnswers: true });
}
