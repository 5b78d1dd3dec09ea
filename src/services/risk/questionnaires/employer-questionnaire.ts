/**
 * The employer answers the questionnaire on désinsertion risk about his own company, from his
 * portal: one draft at a time, resumed until completed; he sees his company's results. Nothing
 * here touches a worker's data.
 */
import * as companies from '../../../db/repositories/company.repository';
import * as repo from '../../../db/repositories/questionnaire.repository';
import { ensure } from '../../../domain/access';
import { forbidden, notFound } from '../../../domain/errors';
import { currentDefinition, definitionAt } from '../../../domain/risk/questionnaires';
import type { Ctx } from '../../context';
import { saveAnswers } from './answers-saver';
import { presentDefinition, presentResponse } from './questionnaire-format';

async function myCompany(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'employer.questionnaire');
  if (!p.companyId) throw forbidden();
  const company = await companies.findCompany(ctx.trx, p.tenantId, p.companyId);
  if (!company) throw notFound('ENTREPRISE_INTROUVABLE', "Votre entreprise n'est plus adhérente du service.");
  return company;
}

/** The form (with the draft's answers if one is in progress) and the company's completed results. */
export async function readEmployerQuestionnaire(ctx: Ctx) {
  const company = await myCompany(ctx);
  const rows = await repo.listCompanyResponses(ctx.trx, ctx.principal.tenantId, company.id);
  const draft = rows.find((r) => r.status === 'en_cours');
  const def = draft ? definitionAt(draft.questionnaire, draft.version)! : currentDefinition('employeur');
  return {
    company: { id: company.id, name: company.name },
    definition: presentDefinition(def),
    draft: draft ? { id: draft.id, answers: draft.answers, updatedAt: draft.updated_at } : null,
    results: rows.filter((r) => r.status === 'complete').map((r) => presentResponse(r)),
  };
}

export interface AnswerEmployerProps {
  answers: unknown;
  complete: boolean;
}

export async function answerEmployerQuestionnaire(ctx: Ctx, props: AnswerEmployerProps) {
  const company = await myCompany(ctx);
  const draft = await repo.findCompanyDraft(ctx.trx, ctx.principal.tenantId, company.id);
  const def = draft ? definitionAt(draft.questionnaire, draft.version)! : currentDefinition('employeur');
  const row = await saveAnswers(ctx, {
    def,
    answers: props.answers,
    complete: props.complete,
    target: draft ? { existingId: draft.id } : { create: { workerId: null, companyId: company.id, dossierId: null, respondent: 'employeur' } },
  });
  return presentResponse(row, { withAnswers: true });
}

/** Cell staff: a company's employer questionnaires (not health data). */
export async function listCompanyQuestionnaires(ctx: Ctx, companyId: string) {
  ensure(ctx.principal, 'company.search');
  const company = await companies.findCompany(ctx.trx, ctx.principal.tenantId, companyId);
  if (!company) throw notFound('ENTREPRISE_INTROUVABLE', "Cette entreprise n'existe pas.");
  const rows = await repo.listCompanyResponses(ctx.trx, ctx.principal.tenantId, company.id);
  return { company: { id: company.id, name: company.name }, results: rows.filter((r) => r.status === 'complete').map((r) => presentResponse(r, { withAnswers: true })) };
}
