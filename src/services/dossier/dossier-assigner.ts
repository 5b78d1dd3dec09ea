/** Sets the professionals assigned to a dossier and its referent. */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as timeline from '../../db/repositories/timeline.repository';
import * as users from '../../db/repositories/user.repository';
import { ensure, STAFF_ROLES } from '../../domain/access';
import { forbidden, invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { loadDossier } from './dossier-access';

const ASSIGNABLE_ROLES = STAFF_ROLES.filter((r) => r !== 'admin');
export const MAX_ASSIGNEES = 10;

export async function checkAssignees(ctx: Ctx, userIds: readonly string[], referentId: string | null) {
  if (userIds.length > MAX_ASSIGNEES) throw invalid('TROP_D_INTERVENANTS', `Un dossier compte au plus ${MAX_ASSIGNEES} intervenants.`, 'userIds');
  if (referentId !== null && !userIds.includes(referentId)) {
    throw invalid('REFERENT_INVALIDE', 'Le référent doit faire partie des intervenants du dossier.', 'referentId');
  }
  if (userIds.length === 0) return [];
  const staff = await users.listStaff(ctx.trx, ctx.principal.tenantId, ASSIGNABLE_ROLES);
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
  await timeline.insertEntry(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: dossier.id,
    kind: 'assignment',
    category: 'administrative',
    title: 'Intervenants',
    body: names ? `Intervenants du dossier : ${names}.` : 'Plus aucun intervenant sur le dossier.',
    shared_with_worker: false,
    author_user_id: p.userId,
    author_name: p.label,
    created_at: ctx.now,
  });
  ctx.audit({ action: 'dossier.assign', subjectType: 'dossier', subjectId: dossier.id, category: 'administrative', details: { userIds, referentId } });
}
