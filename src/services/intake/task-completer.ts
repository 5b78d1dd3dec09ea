/** Marks a task done (« Fait ») or cancels it, and notes it on the dossier's timeline. */
import * as taskRepo from '../../db/repositories/task.repository';
import * as timeline from '../../db/repositories/timeline.repository';
import { ensure } from '../../domain/access';
import { conflict, notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { neutralTaskLabel } from '../copied-text';

export const taskNotFound = () => notFound('TACHE_INTROUVABLE', "Cette tâche n'existe pas.");

export async function closeTask(ctx: Ctx, taskId: string, to: 'fait' | 'annule') {
  const p = ctx.principal;
  ensure(p, 'task.manage');
  const task = await taskRepo.findTaskForUpdate(ctx.trx, p.tenantId, taskId);
  if (!task) throw taskNotFound();
  if (task.status === to) return { id: task.id, status: to };
  if (task.status !== 'a_faire') {
    throw conflict('TACHE_DEJA_CLOSE', task.status === 'fait' ? 'Cette tâche est déjà faite.' : 'Cette tâche est déjà annulée.');
  }
  await taskRepo.updateTaskStatus(ctx.trx, p.tenantId, task.id, to, p.userId, ctx.now);
  await ctx.record({
    action: to === 'fait' ? 'task.done' : 'task.cancel', subjectType: 'task', subjectId: task.id, category: 'administrative', details: { kind: task.kind, dossierId: task.dossier_id },
    timeline: task.dossier_id ? {
      dossierId: task.dossier_id,
      kind: 'task',
      category: 'administrative',
      title: to === 'fait' ? 'Tâche faite' : 'Tâche annulée',
      // The task's own title stays in the task lists (the cell); the entry names its kind only.
      body: neutralTaskLabel(task.kind),
    } : undefined,
  });
  return { id: task.id, status: to };
}
