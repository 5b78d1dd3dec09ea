/**
 * The worker answers through his personal link: from the public page (the token is the only
 * credential, acting as the worker himself for that one questionnaire) or from his own space
 * (logged in, by the link's id). Saves may be partial; completing closes the link.
 */
import type { Database } from '../../../db/connection';
import * as organisations from '../../../db/repositories/organisation.repository';
import * as repo from '../../../db/repositories/questionnaire.repository';
import { actsAsWorker, mayAnswerLinkFor, type Principal } from '../../../domain/access';
import { conflict, forbidden, notFound } from '../../../domain/errors';
import { currentDefinition, definitionAt, type QuestionnaireId } from '../../../domain/risk/questionnaires';
import { linkState } from '../../../domain/risk/questionnaires/links';
import { sha256 } from '../../auth/session-opener';
import { withCtx, type Ctx } from '../../context';
import { saveAnswers } from './answers-saver';
import { presentDefinition } from './questionnaire-format';

const linkUnknown = () => notFound('LIEN_INCONNU', "Ce lien de questionnaire n'existe pas. Vérifiez l'adresse ou demandez un nouveau lien à votre service de santé au travail.");
const TOKEN_MAX = 100;

/**
 * Runs `fn` as the worker of the link whose token is given (system lookup of the tenant first,
 * like a session). Unknown tokens answer LIEN_INCONNU.
 */
export async function withLinkToken<T>(database: Database, token: string, fn: (ctx: Ctx, linkId: string) => Promise<T>): Promise<T> {
  if (!token || token.length > TOKEN_MAX) throw linkUnknown();
  const found = await repo.findLinkTenantByTokenHash(database.db, sha256(token));
  if (!found) throw linkUnknown();
  const principal: Principal = {
    kind: 'user',
    tenantId: found.tenant_id,
    userId: null,
    tokenId: null,
    role: 'worker',
    scopes: [],
    organisationId: found.organisation_id,
    organisationKind: 'spsti',
    companyId: null,
    workerId: found.worker_id,
    label: 'Salarié (lien personnel de questionnaire)',
  };
  return withCtx(database, principal, (ctx) => fn(ctx, found.id));
}

/** The link, checked: it belongs to the acting worker; `forAnswer` also needs it open. */
async function loadLink(ctx: Ctx, linkId: string, forAnswer: boolean) {
  const p = ctx.principal;
  const l = await repo.findLink(ctx.trx, p.tenantId, linkId, forAnswer);
  if (!l || !mayAnswerLinkFor(p, l.worker_id)) throw actsAsWorker(p) ? linkUnknown() : forbidden();
  const state = linkState(l, ctx.now);
  if (forAnswer) {
    if (state === 'complete') throw conflict('QUESTIONNAIRE_DEJA_COMPLETE', 'Vous avez déjà répondu à ce questionnaire : merci !');
    if (state === 'expire') throw conflict('LIEN_EXPIRE', 'Ce lien a expiré. Demandez un nouveau lien à votre service de santé au travail.');
    if (state === 'revoque') throw conflict('LIEN_ANNULE', 'Ce lien a été annulé par votre service de santé au travail.');
  }
  return { link: l, state };
}

/** What the answer page shows: the questionnaire, the answers saved so far, the link's state. */
export async function readLink(ctx: Ctx, linkId: string) {
  const { link, state } = await loadLink(ctx, linkId, false);
  const response = link.response_id ? await repo.findResponse(ctx.trx, ctx.principal.tenantId, link.response_id) : undefined;
  const def = response ? definitionAt(response.questionnaire, response.version)! : currentDefinition(link.questionnaire as QuestionnaireId);
  const org = await organisations.findOrganisation(ctx.trx, ctx.principal.tenantId, link.organisation_id);
  await ctx.record({ action: 'questionnaire.link.open', subjectType: 'questionnaire_link', subjectId: link.id, category: 'medical' });
  return {
    id: link.id,
    state,
    expiresAt: link.expires_at,
    organisationName: org?.name ?? null,
    definition: presentDefinition(def),
    // Once completed, the answers are no longer shown on the link (it may be forwarded).
    answers: state === 'ouvert' && response ? response.answers : {},
  };
}

export interface AnswerLinkProps {
  answers: unknown;
  complete: boolean;
}

export async function answerLink(ctx: Ctx, linkId: string, props: AnswerLinkProps) {
  const { link } = await loadLink(ctx, linkId, true);
  const tenantId = ctx.principal.tenantId;
  const existing = link.response_id ? await repo.findResponse(ctx.trx, tenantId, link.response_id) : undefined;
  const def = existing ? definitionAt(existing.questionnaire, existing.version)! : currentDefinition(link.questionnaire as QuestionnaireId);
  const row = await saveAnswers(ctx, {
    def,
    answers: props.answers,
    complete: props.complete,
    target: existing ? { existingId: existing.id } : { create: { workerId: link.worker_id, companyId: null, dossierId: link.dossier_id, respondent: 'salarie', linkId: link.id } },
  });
  await repo.updateLink(ctx.trx, tenantId, link.id, { response_id: row.id, ...(props.complete ? { completed_at: ctx.now } : {}) });
  return { id: link.id, status: row.status, state: props.complete ? 'complete' : 'ouvert' };
}
