/**
 * The employer's space: its company, its workers, and the entries of their dossiers that are
 * explicitly visible to the employer. Never a dossier state, never health data.
 */
import * as companies from '../../db/repositories/company.repository';
import * as dossiers from '../../db/repositories/dossier.repository';
import * as timeline from '../../db/repositories/timeline.repository';
import * as workers from '../../db/repositories/worker.repository';
import { entryFilter, ensure, } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { forbidden, notFound } from '../../domain/errors';
import { DOSSIER_STATES } from '../../domain/dossier/states';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export const EMPLOYER_WORKER_LIMIT = 500;

export async function readEmployerSpace(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'employer.space');
  if (!p.companyId) throw forbidden();
  const company = await companies.findCompany(ctx.trx, p.tenantId, p.companyId);
  if (!company) throw notFound('ENTREPRISE_INTROUVABLE', "Votre entreprise n'est plus adhérente du service.");
  const today = civilDate(ctx.now);
  const staff = await workers.findWorkersOfCompany(ctx.trx, p.tenantId, company.id, today, EMPLOYER_WORKER_LIMIT);
  const workerIds = staff.map((w) => w.id);
  const ds = await dossiers.findDossiersOfWorkersInStates(ctx.trx, p.tenantId, workerIds, DOSSIER_STATES);
  // The relation of an employer with its current workers is 'employer' by construction.
  const entries = await timeline.findEntries(ctx.trx, p.tenantId, ds.map((d) => d.id), entryFilter(p, 'employer'), 200);
  const workerOf = new Map(ds.map((d) => [d.id, d.worker_id]));
  const byId = new Map(staff.map((w) => [w.id, w]));
  return {
    company: { id: company.id, name: company.name, siret: company.siret },
    workers: staff.map((w) => ({ id: w.id, displayName: workerDisplayName(w), jobTitle: w.job_title })),
    recommendations: entries.map((e) => {
      const w = byId.get(workerOf.get(e.dossier_id) ?? '');
      return { id: e.id, workerName: w ? workerDisplayName(w) : '', title: e.title, body: e.body, createdAt: e.created_at };
    }),
  };
}
