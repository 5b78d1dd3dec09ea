/**
 * A health professional sends a worker a personal link to answer one questionnaire on his phone.
 * The token is shown once (the professional copies the address: there is no mail server); only
 * its SHA-256 is stored. The link expires after 14 days unless another duration is chosen.
 */
import { randomBytes } from 'node:crypto';
import * as repo from '../../../db/repositories/questionnaire.repository';
import { invalid } from '../../../domain/errors';
import { checkLinkDays, linkExpiry } from '../../../domain/risk/questionnaires/links';
import type { Ctx } from '../../context';
import { sha256 } from '../../auth/session-opener';
import { dossierFor, ensureMayEnter } from './questionnaire-access';
import { workerQuestionnaire } from './response-recorder';

export interface CreateLinkProps {
  workerId: string;
  questionnaire: string;
  dossierId?: string | null;
  expiresInDays?: number | null;
}

/** Path of the public page of a token (the web app's route outside the shell). */
export const linkPath = (token: string) => `/questionnaire/${token}`;

export async function createQuestionnaireLink(ctx: Ctx, props: CreateLinkProps) {
  const p = ctx.principal;
  const questionnaire = workerQuestionnaire(props.questionnaire);
  const days = checkLinkDays(props.expiresInDays);
  if (!days.ok) throw invalid(days.code, days.message, days.field);
  await ensureMayEnter(ctx, props.workerId);
  const dossierId = await dossierFor(ctx, props.workerId, props.dossierId);
  const token = randomBytes(32).toString('base64url');
  const link = await repo.insertLink(ctx.trx, {
    tenant_id: p.tenantId,
    token_hash: sha256(token),
    questionnaire,
    worker_id: props.workerId,
    dossier_id: dossierId,
    organisation_id: p.organisationId,
    created_by: p.userId,
    created_by_name: p.label,
    created_at: ctx.now,
    expires_at: linkExpiry(ctx.now, days.value),
  });
  await ctx.record({ action: 'questionnaire.link.create', subjectType: 'questionnaire_link', subjectId: link.id, category: 'medical', details: { questionnaire, workerId: props.workerId, days: days.value } });
  return { id: link.id, token, path: linkPath(token), questionnaire, expiresAt: link.expires_at };
}
