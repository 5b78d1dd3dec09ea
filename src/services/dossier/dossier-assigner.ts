/** Sets the professionals assigned to a dossier and its referent. */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as users from '../../db/repositories/user.repository';
import { CASE_STAFF_ROLES, ensure } from '../../domain/access';
import { forbidden, invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { loadDossier } from './dossier-access';

export const MAX_ASSIGNEES = 10;

export async function checkAssignees(ctx: Ctx, userIds: readonly string[], referentId: string | null) {
  if (userIds.length > MAX_ASSIGNEES) throw invalid('TROP_D_INTERVENANTS', `Un dossier compte au plus ${MAX_ASSIGNEES} intervenants.`, 'userIds');
  if (referentId !== null && !userIds.includes(referentId)) {
    throw invalid('REFERENT_INVALIDE', 'Le référent doit faire partie des intervenants du dossier.', 'referentId');
  }
  if (userIds.length === 0) return [];
  const staff = await users.listStaff(ctx.trx, ctx.principal.tenantId, CASE_STAFF_ROLES);
  const known = new Map(staff.map((s) => [s.id, s]));
  const unknown = userIds.filter((u) => !known.has(u));
  if (unknown.length > 0) {
    throw invalid('INTERVENANT_INCONNU', "Un des intervenants choisis n'est pas un professionnel du service.", 'userIds', { userIds: unknown });
  }
  return userIds.map((u) => known.get(u)!);
}

export interface AssignProps {
  userIds: string[];
  referentId?: string | null;
}

export async function assignDossier(ctx: Ctx, dossierId: string, props: AssignProps) {
  const p = ctx.principal;
  ensure(p, 'dossier.assign');
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw forbidden();
  const userIds = [...new Set(props.userIds)];
  const referentId = props.referentId ?? userIds[0] ?? null;
  const staff = await checkAssignees(ctx, userIds, referentId);
  await dossiers.replaceAssignments(ctx.trx, p.tenantId, dossier.id, userIds, referentId, ctx.now);
  await dossiers.touchDossier(ctx.trx, p.tenantId, dossier.id, ctx.now);
  const names = staff.map((s) => s.display_name).join(', ');
  await ctx.record({
    action: 'dossier.assign',
    subjectType: 'dossier',
    subjectId: dossier.id,
    category: 'administrative',
    details: { userIds, referentId },
    timeline: {
      dossierId: dossier.id,
      kind: 'assignment',
      category: 'administrative',
      title: 'Intervenants',
      body: names ? `Intervenants du dossier : ${names}.` : 'Plus aucun intervenant sur le dossier.',
    },
  });
}
