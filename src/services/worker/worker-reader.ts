/** The worker page: identity, employments and dossiers. The full NIR only for sensitive readers. */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as workers from '../../db/repositories/worker.repository';
import { can, ensure, } from '../../domain/access';
import { notFound } from '../../domain/errors';
import { IDENTITY_STATUS_LABELS, isIdentityStatus } from '../../domain/identity/ins';
import { maskNir } from '../../domain/identity/nir';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import type { Ctx } from '../context';
import { workerDisplayName } from './worker-format';

export async function readWorker(ctx: Ctx, id: string) {
  const p = ctx.principal;
  ensure(p, 'worker.search');
  const w = await workers.findWorker(ctx.trx, p.tenantId, id);
  if (!w) throw notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas dans le service.");
  const [employments, ds] = await Promise.all([workers.findEmployments(ctx.trx, p.tenantId, id), dossiers.findDossiersOfWorker(ctx.trx, p.tenantId, id)]);
  const showNir = w.nir !== null && can(p, 'read', 'sensitive', 'service');
  if (showNir) await ctx.record({ action: 'worker.read', subjectType: 'worker', subjectId: w.id, category: 'sensitive', details: { fields: ['nir'] } });
  return {
    id: w.id,
    displayName: workerDisplayName(w),
    birthName: w.birth_name,
    usageName: w.usage_name,
    firstNames: w.first_names,
    birthDate: w.birth_date,
    sex: w.sex,
    nirMasked: w.nir ? maskNir(w.nir) : null,
    ...(showNir && w.nir ? { nir: w.nir } : {}),
    identityStatus: w.identity_status,
    identityStatusLabel: isIdentityStatus(w.identity_status) ? IDENTITY_STATUS_LABELS[w.identity_status] : w.identity_status,
    email: w.email,
    phone: w.phone,
    city: w.city,
    employments: employments.map((e) => ({
      id: e.id,
      company: { id: e.company_id, name: e.company_name, siret: e.company_siret },
      jobTitle: e.job_title,
      startDate: e.start_date,
      endDate: e.end_date,
    })),
    dossiers: ds.map((d) => ({
      id: d.id,
      reference: d.reference,
      state: d.state,
      stateLabel: isDossierState(d.state) ? STATE_LABELS[d.state] : d.state,
      openedAt: d.opened_at,
      closedAt: d.closed_at,
    })),
  };
}
