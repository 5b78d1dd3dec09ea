/**
 * Declarations « À vérifier »: the cell lists the declarations whose worker could not be
 * identified, and attaches each one to the right worker — which then creates the arrêt and the
 * signal exactly as if the employer had picked him.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import { can, ensure } from '../../domain/access';
import { conflict, notFound } from '../../domain/errors';
import { isDeclarationNature, NATURE_LABELS } from '../../domain/intake/declarations';
import { maskNir } from '../../domain/identity/nir';
import type { Ctx } from '../context';
import { attachDeclaration } from './declaration-creator';

export async function listDeclarationsToVerify(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'signal.read');
  const rows = await repo.findDeclarationsToVerify(ctx.trx, p.tenantId, 200);
  // The typed NIR is sensitive: in full only for who may read sensitive data of the service.
  const showNir = can(p, 'read', 'sensitive', 'service');
  if (showNir && rows.some((r) => r.nir)) await ctx.record({ action: 'declaration.read_identity', subjectType: 'employer_declaration', subjectId: null, category: 'sensitive', details: { count: rows.length } });
  return {
    items: rows.map((r) => ({
      id: r.id,
      company: { id: r.company_id, name: r.company_name },
      birthName: r.birth_name,
      firstNames: r.first_names,
      birthDate: r.birth_date,
      nirMasked: r.nir ? maskNir(r.nir) : null,
      ...(showNir && r.nir ? { nir: r.nir } : {}),
      startDate: r.start_date,
      expectedEndDate: r.expected_end_date,
      natureLabel: isDeclarationNature(r.nature) ? NATURE_LABELS[r.nature] : r.nature,
      workerInformedVpr: r.worker_informed_vpr,
      declaredAt: r.declared_at,
    })),
  };
}

export async function attachDeclarationToWorker(ctx: Ctx, id: string, props: { workerId: string }) {
  const p = ctx.principal;
  ensure(p, 'signal.create');
  const d = await repo.findDeclarationForUpdate(ctx.trx, p.tenantId, id);
  if (!d) throw notFound('DECLARATION_INTROUVABLE', "Cette déclaration n'existe pas.");
  if (d.status !== 'a_verifier') throw conflict('DECLARATION_DEJA_RATTACHEE', 'Cette déclaration est déjà rattachée à un salarié.');
  const w = await repo.findWorkerIdentity(ctx.trx, p.tenantId, props.workerId);
  if (!w) throw notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas dans le service.");
  const dup = await repo.findDeclarationOfWorker(ctx.trx, p.tenantId, d.company_id, w.id, d.start_date);
  if (dup) throw conflict('DECLARATION_EN_DOUBLE', 'Ce salarié a déjà une déclaration de cet employeur pour la même date de début.');
  if (!isDeclarationNature(d.nature)) throw conflict('DECLARATION_INVALIDE', 'Nature inconnue.');
  const s = await attachDeclaration(ctx, d.id, w.id, d.company_id, { startDate: d.start_date, expectedEndDate: d.expected_end_date, nature: d.nature }, d.worker_informed_vpr, { by: p.userId });
  await ctx.record({ action: 'declaration.attach', subjectType: 'employer_declaration', subjectId: d.id, category: 'administrative', details: { workerId: w.id } });
  // No dossier while the worker is in triage « À qualifier ».
  return { id: d.id, dossier: s.dossierId ? { id: s.dossierId, reference: s.dossierReference! } : null };
}
