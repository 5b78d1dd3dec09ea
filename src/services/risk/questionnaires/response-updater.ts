/** A health professional resumes a response he (or a colleague) saved « en cours » during a visit. */
import * as repo from '../../../db/repositories/questionnaire.repository';
import { conflict } from '../../../domain/errors';
import { definitionAt } from '../../../domain/risk/questionnaires';
import type { Ctx } from '../../context';
import { saveAnswers } from './answers-saver';
import { ensureMayEnter, responseNotFound } from './questionnaire-access';
import { presentResponse } from './questionnaire-format';

export interface UpdateResponseProps {
  responseId: string;
  answers: unknown;
  complete: boolean;
}

export async function updateWorkerResponse(ctx: Ctx, props: UpdateResponseProps) {
  const r = await repo.findResponse(ctx.trx, ctx.principal.tenantId, props.responseId);
  if (!r || !r.worker_id) throw responseNotFound();
  await ensureMayEnter(ctx, r.worker_id);
  // The worker's own answers (through his link) are his: the professional does not edit them.
  if (r.respondent !== 'professionnel') throw conflict('REPONSE_DU_SALARIE', 'Ces réponses ont été données par le salarié lui-même : elles ne peuvent pas être modifiées par un professionnel.');
  const def = definitionAt(r.questionnaire, r.version)!;
  const row = await saveAnswers(ctx, { def, answers: props.answers, complete: props.complete, target: { existingId: r.id } });
  return presentResponse(row, { withAnswers: true });
}
