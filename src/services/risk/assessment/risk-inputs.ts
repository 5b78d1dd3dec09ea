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

type Profile = { csp: string | null; cim_chapters: string[]; exposures: string[]; ald: boolean } | null | undefined;
type Arret = { start_date: string; expected_end_date: string | null; actual_end_date: string | null; nature: string; ald: boolean };

/** The index inputs from the facts of one worker (pure: shared by the single and bulk readers). */
export function buildInputs(
  worker: { sex: number; birth_date: string },
  profile: Profile,
  arrets: readonly Arret[],
  q: repo.QuestionnaireRow | null,
  e: repo.QuestionnaireRow | null,
  asOf: string,
): { record: HealthRecordInput; inputs: IndexInputs } {
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
  return { record, inputs };
}

export async function gatherInputs(ctx: Ctx, worker: { id: string; sex: number; birth_date: string }): Promise<GatheredInputs> {
  const t = ctx.principal.tenantId;
  const asOf = civilDate(ctx.now);
  const [profile, arrets, q, e] = await Promise.all([
    repo.findHealthProfile(ctx.trx, t, worker.id),
    repo.findArretFacts(ctx.trx, t, worker.id),
    repo.findLatestSelfQuestionnaire(ctx.trx, t, worker.id),
    repo.findLatestEmployerAssessment(ctx.trx, t, worker.id, asOf),
  ]);
  return { ...buildInputs(worker, profile, arrets, q, e, asOf), profile: profile ?? null };
}

/** The index inputs of one row of `findIndexFactsBulk`. */
export function inputsFromBulk(row: repo.BulkFactsRow, asOf: string) {
  const arrets: Arret[] = row.arrets
    ? row.arrets.split(';').map((s) => {
        const f = s.split(',');
        return { start_date: f[0], expected_end_date: f[1] || null, actual_end_date: f[2] || null, nature: f[3], ald: f[4] === '1' };
      })
    : [];
  const profile = row.has_profile ? { csp: row.csp, cim_chapters: row.cim_chapters ?? [], exposures: row.exposures ?? [], ald: row.ald ?? false } : null;
  const q: repo.QuestionnaireRow | null = row.q_id
    ? { id: row.q_id, questionnaire: row.q_kind!, score: Number(row.q_score), category: null, outlook: row.q_outlook, company_id: null, company_name: null, completed_at: row.q_at! }
    : null;
  const e: repo.QuestionnaireRow | null = row.e_id
    ? { id: row.e_id, questionnaire: 'employeur', score: Number(row.e_score), category: row.e_category, outlook: null, company_id: row.e_company_id, company_name: null, completed_at: row.e_at! }
    : null;
  return buildInputs({ sex: row.sex, birth_date: row.birth_date }, profile, arrets, q, e, asOf);
}
