/**
 * The one place where answers are checked, scored and stored, whoever answers (the worker through
 * his link or his space, a professional during a visit, the employer). A partial save keeps the
 * response « en cours »; completing scores it with the version it answered and freezes it.
 */
import * as repo from '../../../db/repositories/questionnaire.repository';
import { conflict, invalid } from '../../../domain/errors';
import { validateAnswers, type QuestionnaireDefinition, type Respondent, type ScoreResult } from '../../../domain/risk/questionnaires';
import type { Ctx, TimelineNote } from '../../context';

/** What a new response is about (absent when resuming an existing one). */
export interface NewResponse {
  workerId: string | null;
  companyId: string | null;
  dossierId: string | null;
  respondent: Respondent;
  linkId?: string | null;
}

export interface SaveProps {
  def: QuestionnaireDefinition;
  answers: unknown;
  complete: boolean;
  /** The response to update, or what a new one is about. */
  target: { existingId: string } | { create: NewResponse };
}

/** Throws REPONSES_INVALIDES (400) with a French message per item in `details`. */
function refuse(errors: Record<string, string>): never {
  const n = Object.keys(errors).length;
  throw invalid('REPONSES_INVALIDES', n === 1 ? 'Une réponse est à corriger.' : `${n} réponses sont à corriger.`, Object.keys(errors)[0], errors);
}

export async function saveAnswers(ctx: Ctx, props: SaveProps) {
  const p = ctx.principal;
  const { def } = props;
  let previous: Record<string, unknown> = {};
  let existing: Awaited<ReturnType<typeof repo.findResponse>> | undefined;
  if ('existingId' in props.target) {
    existing = await repo.findResponse(ctx.trx, p.tenantId, props.target.existingId, true);
    if (!existing) throw new Error('response vanished');
    if (existing.status === 'complete') throw conflict('QUESTIONNAIRE_DEJA_COMPLETE', 'Ce questionnaire est déjà complété : ses réponses ne peuvent plus être modifiées.');
    previous = existing.answers;
  }
  // A partial save adds to what was saved before; `null` clears an answer.
  const raw = props.answers;
  const merged = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...previous, ...(raw as Record<string, unknown>) } : raw;
  const checked = validateAnswers(def, merged, props.complete);
  if (!checked.ok) refuse(checked.errors);
  const answers = checked.value;
  const result = props.complete ? def.score(answers) : null;
  const fields = {
    answers: JSON.stringify(answers),
    status: props.complete ? 'complete' : 'en_cours',
    score: result ? result.score : null,
    category: result ? result.category : null,
    completed_at: props.complete ? ctx.now : null,
    updated_at: ctx.now,
  };
  const create = 'create' in props.target ? props.target.create : null;
  const row = existing
    ? await repo.updateResponse(ctx.trx, p.tenantId, existing.id, fields)
    : await repo.insertResponse(ctx.trx, {
        tenant_id: p.tenantId,
        questionnaire: def.id,
        version: def.version,
        worker_id: create!.workerId,
        company_id: create!.companyId,
        dossier_id: create!.dossierId,
        respondent: create!.respondent,
        link_id: create!.linkId ?? null,
        entered_by: p.userId,
        started_at: ctx.now,
        ...fields,
      });
  const medical = row.worker_id !== null;
  await ctx.record({
    action: props.complete ? 'questionnaire.complete' : 'questionnaire.save',
    subjectType: 'questionnaire_response',
    subjectId: row.id,
    category: medical ? 'medical' : 'administrative',
    details: { questionnaire: def.id, version: def.version, respondent: row.respondent },
    timeline: result && row.dossier_id ? resultEntry(def, result, row.dossier_id) : undefined,
  });
  return row;
}

/** A completed questionnaire of a dossier shows its result on the dossier's timeline, shared with the worker. */
function resultEntry(def: QuestionnaireDefinition, result: ScoreResult, dossierId: string): TimelineNote {
  const scoreText = def.categories.length > 0 ? `${result.score} (${result.categoryLabel})` : `${result.score} sur ${def.scoreMax}`;
  return {
    dossierId,
    kind: 'questionnaire',
    category: 'medical',
    title: `Questionnaire complété : ${def.title}`,
    body: [`Résultat : ${scoreText}.`, ...result.alerts].join(' '),
    sharedWithWorker: true,
  };
}
