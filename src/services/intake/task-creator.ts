/**
 * Adds a manual task on a dossier (« Ajouter une tâche »): a title, a due date, an owner among
 * the service's professionals (or the team). Noted on the dossier's timeline.
 */
import * as signals from '../../db/repositories/signal.repository';
import * as timeline from '../../db/repositories/timeline.repository';
import * as users from '../../db/repositories/user.repository';
import { CASE_STAFF_ROLES, ensure } from '../../domain/access';
import { isIsoDate } from '../../domain/calendar/dates';
import { invalid } from '../../domain/errors';
import { frDate } from '../../domain/parcours/catalogue/rules';
import { MANUAL_TASK_KIND, TASK_TITLE_MAX_LENGTH } from '../../domain/parcours/measure-tasks';
import type { Ctx } from '../context';
import { neutralTaskLabel } from '../copied-text';
import { dossierNotFound, loadDossier } from '../dossier/dossier-access';
import { listDossierTasks } from './task-lister';


export interface CreateTaskProps {
  dossierId: string;
  title: string;
  dueDate: string | null;
  ownerId: string | null;
}

export async function createTask(ctx: Ctx, props: CreateTaskProps) {
  const p = ctx.principal;
  ensure(p, 'task.manage');
  const { dossier, relation } = await loadDossier(ctx, props.dossierId);
  if (relation !== 'service') throw dossierNotFound();
  const title = props.title.trim();
  if (!title) throw invalid('CHAMP_REQUIS', 'Indiquez ce qu’il faut faire.', 'title');
  if (title.length > TASK_TITLE_MAX_LENGTH) throw invalid('TEXTE_TROP_LONG', `L'intitulé est limité à ${TASK_TITLE_MAX_LENGTH} caractères.`, 'title');
  if (props.dueDate !== null && !isIsoDate(props.dueDate)) throw invalid('DATE_INVALIDE', "La date d'échéance est invalide (JJ/MM/AAAA).", 'dueDate');
  if (props.ownerId !== null) {
    const staff = await users.listStaff(ctx.trx, p.tenantId, CASE_STAFF_ROLES);
    if (!staff.some((s) => s.id === props.ownerId)) throw invalid('RESPONSABLE_INCONNU', "Le responsable choisi n'est pas un professionnel du service.", 'ownerId');
  }
  await signals.insertTasks(ctx.trx, [
    {
      tenant_id: p.tenantId,
      worker_id: dossier.worker_id,
      dossier_id: dossier.id,
      kind: MANUAL_TASK_KIND,
      title,
      due_date: props.dueDate,
      owner_user_id: props.ownerId,
      created_at: ctx.now,
    },
  ]);
  await ctx.record({
    action: 'task.create', subjectType: 'dossier', subjectId: dossier.id, category: 'administrative', details: { ownerId: props.ownerId, dueDate: props.dueDate },
    timeline: {
      dossierId: dossier.id,
      kind: 'task',
      category: 'administrative',
      title: 'Tâche ajoutée',
      // The title stays in the task lists (the cell): an administrative entry reaches partners,
      // the administrator and API tokens, who do not read tasks (src/domain/access/copied-text.ts).
      body: `${neutralTaskLabel(MANUAL_TASK_KIND)}${props.dueDate ? `, échéance le ${frDate(props.dueDate)}` : ''} ; son intitulé figure dans les tâches du dossier.`,
    },
  });
  return listDossierTasks(ctx, dossier.id);
}
