/**
 * Gathers the inputs of the index for one worker (record facts, latest questionnaires) and the
 * access checks shared by the risk services. Reading them is reading medical data: callers audit.
 */
import * as repo from '../../../db/repositories/risk-assessment.repository';
import * as workers from '../../../db/repositories/worker.repository';
import { can, ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { forbidden, notFound } from '../../../domain/errors';
import { CIM_CHAPTERS, CSP_VALUES, EXPOSURES, healthFeatures, type CimChapter, type Csp, type Exposure, type HealthRecordInput } from '../../../domain/risk/health-model';
import type { IndexInputs } from '../../../domain/risk/index-algorithm';
import type { Ctx } from '../../context';
import { relationWithWorker } from '../../dossier/dossier-access';

export const workerNotFound = () => notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas dans le service.");

/**
 * The health professionals of the SPSTI (capability risk.assess, medical data of the service's
 * workers). Anyone else is refused; a worker of another service does not exist.
 */
export async function ensureHealthProfessional(ctx: Ctx, workerId: string, action: 'read' | 'write' = 'read') {
  const p = ctx.principal;
  ensure(p, 'risk.assess', "Seuls le médecin du travail et l'infirmier en santé au travail accèdent à l'indice de risque.");
  const w = await workers.findWorker(ctx.trx, p.tenantId, workerId);
  if (!w) throw workerNotFound();
  const relation = await relationWithWorker(ctx, workerId);
  if (!can(p, action, 'medical', relation)) throw forbidden();
  return w;
}

export interface GatheredInputs {
  record: HealthRecordInput;
  inputs: IndexInputs;
  profile: Awaited<ReturnType<typeof repo.findHealthProfile>> | null;
}

const only = <T extends string>(values: readonly T[], xs: readonly string[] | null | undefined): T[] => (xs ?? []).filter((x): x is T => (values as readonly string[]).includes(x));

export async function gatherInputs(ctx: Ctx, worker: { id: string; sex: number; birth_date: string }): Promise<GatheredInputs> {
  const t = ctx.principal.tenantId;
  const asOf = civilDate(ctx.now);
  const [profile, arrets, q, e] = await Promise.all([
    repo.findHealthProfile(ctx.trx, t, worker.id),
    repo.findArretFacts(ctx.trx, t, worker.id),
    repo.findLatestSelfQuestionnaire(ctx.trx, t, worker.id),
    repo.findLatestEmployerAssessment(ctx.trx, t, worker.id, asOf),
  ]);
  const record: HealthRecordInput = {
    sex: worker.sex,
    birthDate: worker.birth_date,
    asOf,
    csp: profile?.csp && (CSP_VALUES as readonly string[]).includes(profile.csp) ? (profile.csp as Csp) : null,
    cimChapters: only<CimChapter>(CIM_CHAPTERS, profile?.cim_chapters),
    exposures: only<Exposure>(EXPOSURES, profile?.exposures),
    ald: profile?.ald ?? false,
    arrets: arrets.map((a) => ({ startDate: a.start_date, expectedEndDate: a.expected_end_date, actualEndDate: a.actual_end_date, nature: a.nature, ald: a.ald })),
  };
  const iso = (d: Date | string) => new Date(d).toISOString();
  const inputs: IndexInputs = {
    health: { features: healthFeatures(record), profileFilled: profile !== undefined && profile !== null },
    questionnaire: q && (q.questionnaire === 'wai' || q.questionnaire === 'wai_court')
      ? { responseId: q.id, questionnaire: q.questionnaire, score: Number(q.score), outlook: q.outlook === null ? null : Number(q.outlook), completedAt: iso(q.completed_at) }
      : null,
    employer: e ? { responseId: e.id, companyId: e.company_id, companyName: e.company_name, score: Number(e.score), category: e.category, completedAt: iso(e.completed_at) } : null,
  };
  return { record, inputs, profile: profile ?? null };
}
