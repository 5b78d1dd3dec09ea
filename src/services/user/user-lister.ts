/** Professionals of the service, for assignee pickers and filters. */
import * as users from '../../db/repositories/user.repository';
import { CASE_STAFF_ROLES, ensure, isRole, ROLE_CAPABILITIES, ROLE_LABELS } from '../../domain/access';
import { invalid } from '../../domain/errors';
import type { Ctx } from '../context';

export async function listStaff(ctx: Ctx, props: { role?: string } = {}) {
  ensure(ctx.principal, 'user.list');
  if (props.role && !isRole(props.role)) throw invalid('ROLE_INCONNU', `Rôle inconnu : « ${props.role} ».`, 'role');
  const roles = props.role ? [props.role] : CASE_STAFF_ROLES;
  const rows = await users.listStaff(ctx.trx, ctx.principal.tenantId, roles);
  return {
    items: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      role: r.role,
      roleLabel: isRole(r.role) ? ROLE_LABELS[r.role] : r.role,
      capabilities: isRole(r.role) ? [...ROLE_CAPABILITIES[r.role]] : [],
    })),
  };
}
