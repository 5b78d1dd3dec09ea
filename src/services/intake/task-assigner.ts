/** Gives a task an owner (a professional of the service), or takes it back to the team. */
import * as taskRepo from '../../db/repositories/task.repository';
import * as users from '../../db/repositories/user.repository';
import { CASE_STAFF_ROLES, ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { taskNotFound } from './task-completer';


export async function assignTask(ctx: Ctx, taskId: string, ownerId: string | null) {
  const p = ctx.principal;
  ensure(p, 'task.manage');
  const task = await taskRepo.findTaskForUpdate(ctx.trx, p.tenantId, taskId);
  if (!task) throw taskNotFound();
  let ownerName: string | null = null;
  if (ownerId !== null) {
    const staff = await users.listStaff(ctx.trx, p.tenantId, CASE_STAFF_ROLES);
    const owner = staff.find((s) => s.id === ownerId);
    if (!owner) throw invalid('RESPONSABLE_INCONNU', "Le responsable choisi n'est pas un professionnel du service.", 'ownerId');
    ownerName = owner.display_name;
  }
  await taskRepo.updateTaskOwner(ctx.trx, p.tenantId, task.id, ownerId);
  await ctx.record({ action: 'task.assign', subjectType: 'task', subjectId: task.id, category: 'administrative', details: { ownerId } });
  return { id: task.id, owner: ownerId ? { id: ownerId, displayName: ownerName ?? '' } : null };
}
