/** Opens a dossier PDP for a worker: the case is born « Signalé », with its first entry. */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as workers from '../../db/repositories/worker.repository';
import { ensure, isServiceStaff } from '../../domain/access';
import { isIsoDate } from '../../domain/calendar/dates';
import { isDossierOrigin, ORIGIN_LABELS, type DossierOrigin } from '../../domain/dossier/origins';
import { conflict, invalid, notFound } from '../../domain/errors';
import type { Ctx, TimelineNote } from '../context';
import { checkAssignees } from './dossier-assigner';
import { OPEN_STATES } from '../../domain/dossier/states';

export interface OpenDossierProps {
  workerId: string;
  origin: string;
  summary: string;
  assigneeIds?: string[];
  referentId?: string;
  nextDueDate?: string;
}

export async function openDossier(ctx: Ctx, props: OpenDossierProps) {
  const p = ctx.principal;
  ensure(p, 'dossier.create');
  if (!isDossierOrigin(props.origin)) throw invalid('ORIGINE_INCONNUE', `Origine inconnue : « ${props.origin} ».`, 'origin');
  const summary = props.summary.trim();
  if (summary.length < 3) throw invalid('MOTIF_REQUIS', 'Indiquez en quelques mots le motif du signalement.', 'summary');
  if (props.nextDueDate !== undefined && !isIsoDate(props.nextDueDate)) {
    throw invalid('DATE_INVALIDE', "La date d'échéance n'est pas une date valide.", 'nextDueDate');
  }
  const worker = await workers.findWorker(ctx.trx, p.tenantId, props.workerId);
  if (!worker) throw notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas dans le service.");
  const existing = await dossiers.findOpenDossierOfWorker(ctx.trx, p.tenantId, props.workerId, OPEN_STATES);
  if (existing) {
    throw conflict('DOSSIER_DEJA_OUVERT', `Ce salarié a déjà un dossier en cours (${existing.reference}) : ajoutez-y le signalement.`, { dossierId: existing.id, reference: existing.reference });
  }
  const assigneeIds = [...new Set(props.assigneeIds ?? (p.userId ? [p.userId] : []))];
  const referentId = props.referentId ?? assigneeIds[0] ?? null;
  await checkAssignees(ctx, assigneeIds, referentId);

  const { dossier: d, opening } = await insertNewDossier(ctx, { workerId: worker.id, origin: props.origin, summary, nextDueDate: props.nextDueDate ?? null, assigneeIds, referentId });
  await ctx.record({ action: 'dossier.open', subjectType: 'dossier', subjectId: d.id, category: 'administrative', details: { origin: props.origin }, timeline: opening });
  return { id: d.id, reference: d.reference };
}

/**
 * Writes a new dossier « Signalé » with its first transition (dossiers.openDossiers, the one
 * opening function, which the AM flux calls set-based) and its assignments, and answers its
 * opening entry for the caller to record with its own event. Shared by the cell's own opening
 * (above) and by intake, which opens a dossier for a signal on behalf of the service (no
 * capability check here: callers decide).
 */
export async function insertNewDossier(
  ctx: Ctx,
  props: { workerId: string; origin: DossierOrigin; summary: string; nextDueDate: string | null; assigneeIds: string[]; referentId: string | null },
) {
  const p = ctx.principal;
  const actor = isServiceStaff(p) ? p.userId : null;
  const [d] = await dossiers.openDossiers(
    ctx.trx,
    p.tenantId,
    [{ workerId: props.workerId, origin: props.origin, summary: props.summary, nextDueDate: props.nextDueDate, openedBy: actor }],
    ctx.now,
  );
  await dossiers.replaceAssignments(ctx.trx, p.tenantId, d.id, props.assigneeIds, props.referentId, ctx.now);
  const opening: TimelineNote = {
    dossierId: d.id,
    kind: 'creation',
    category: 'administrative',
    title: 'Ouverture du dossier',
    body: `Dossier ouvert (origine : ${ORIGIN_LABELS[props.origin]}). ${props.summary}`,
    author: { userId: actor, name: actor ? p.label : ORIGIN_LABELS[props.origin] },
  };
  return { dossier: d, opening };
}
