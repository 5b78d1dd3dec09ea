/**
 * Generates the documents of a dossier (PDF, French) and the workers' information leaflet.
 * Each generation is audited and noted on the dossier's timeline. Who may generate what:
 * capability document.generate on the service's own dossiers; the fiche de liaison holds the
 * VPR's recommendations (sensitive); the employer's letter is built only from facts without
 * health data (builders.ts: EmployerLetterFacts).
 */
import * as measures from '../../db/repositories/measure.repository';
import * as workers from '../../db/repositories/worker.repository';
import { can, ensure, has, isRole, ROLE_LABELS } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { conflict, forbidden, invalid, notFound } from '../../domain/errors';
import {
  caseSummaryDocument,
  convocationDocument,
  employerLetterDocument,
  ficheLiaisonDocument,
  leafletDocument,
  VISIT_KIND_LABELS,
  type FicheLiaisonFacts,
  type ServiceFacts,
} from '../../domain/documents/builders';
import { DOCUMENT_KINDS, DOCUMENT_LABELS, type DocumentKind, type DocumentModel } from '../../domain/documents/document-model';
import { CATALOGUE, frDate, measureLabel } from '../../domain/parcours/catalogue';
import { MEASURE_STATUS_LABELS, isMeasureStatus } from '../../domain/parcours/measure-states';
import type { Ctx } from '../context';
import { dossierNotFound, loadDossier } from '../dossier/dossier-access';
import { readDossier } from '../dossier/dossier-reader';
import { listDossierTasks } from '../intake/task-lister';
import { listDossierMeasures } from '../parcours/measures/measure-lister';
import { workerDisplayName } from '../worker/worker-format';
import { renderPdf } from './pdf-renderer';

export const isDocumentKind = (s: string): s is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(s);

async function serviceFacts(ctx: Ctx): Promise<ServiceFacts> {
  return { name: await measures.findServiceName(ctx.trx, ctx.principal.tenantId), city: null, today: civilDate(ctx.now) };
}

const timeOf = (at: Date | string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(at)).replace(':', ' h ');

export interface GeneratedDocument {
  fileName: string;
  title: string;
  pdf: Buffer;
}

/** Builds and renders one document of a dossier. */
export async function generateDossierDocument(ctx: Ctx, props: { dossierId: string; kind: string; visitId?: string }): Promise<GeneratedDocument> {
  const p = ctx.principal;
  ensure(p, 'document.generate');
  if (!isDocumentKind(props.kind) || props.kind === 'livret_mesures') throw invalid('DOCUMENT_INCONNU', `Document inconnu : « ${props.kind} ».`, 'kind');
  const { dossier, relation } = await loadDossier(ctx, props.dossierId);
  if (relation !== 'service' || !can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  const service = await serviceFacts(ctx);
  const worker = await workers.findWorker(ctx.trx, p.tenantId, dossier.worker_id);
  if (!worker) throw dossierNotFound();
  const workerFacts = { displayName: workerDisplayName(worker), birthDate: worker.birth_date, sex: worker.sex };
  let model: DocumentModel;
  let category: 'administrative' | 'sensitive' = 'administrative';

  switch (props.kind) {
    case 'fiche_liaison': {
      if (!can(p, 'read', 'sensitive', relation)) throw forbidden("Votre rôle ne permet pas d'éditer la fiche de liaison.");
      const v = await measures.findLatestVprOfDossier(ctx.trx, p.tenantId, dossier.id);
      if (!v) throw notFound('FICHE_INTROUVABLE', "Ce dossier n'a pas de fiche de liaison du médecin conseil.");
      if (v.status === 'en_attente') throw conflict('FICHE_SANS_REPONSE', "La fiche de liaison n'a pas encore de réponse : répondez-y avant de l'éditer.");
      const iso = (d: Date | string | null) => (d ? civilDate(new Date(d)) : null);
      model = ficheLiaisonDocument({
        service,
        dossierReference: dossier.reference,
        worker: workerFacts,
        vpr: {
          organisationName: v.organisation_name,
          filedByName: v.filed_by_name,
          contact: v.contact,
          reason: v.reason,
          filedAt: iso(v.filed_at)!,
          consentDate: v.consent_date,
          status: v.status as FicheLiaisonFacts['vpr']['status'],
          vprDate: v.vpr_date,
          nonObjection: v.non_objection,
          recommendations: v.recommendations,
          answeredByName: v.answered_by_name,
          answeredAt: iso(v.answered_at),
        },
      });
      category = 'sensitive';
      break;
    }
    case 'convocation': {
      if (!props.visitId) throw invalid('VISITE_REQUISE', 'Indiquez la visite à convoquer.', 'visitId');
      const visit = await measures.findVisit(ctx.trx, p.tenantId, props.visitId);
      if (!visit || visit.dossier_id !== dossier.id) throw notFound('VISITE_INTROUVABLE', "Cette visite n'existe pas dans ce dossier.");
      if (visit.status === 'annulee') throw conflict('VISITE_ANNULEE', 'Cette visite est annulée : aucune convocation ne peut être éditée.');
      model = convocationDocument({
        service,
        dossierReference: dossier.reference,
        worker: workerFacts,
        visit: {
          kind: visit.kind,
          date: civilDate(new Date(visit.scheduled_at)),
          time: timeOf(visit.scheduled_at),
          place: visit.place,
          professionalName: visit.professional_name,
          professionalRole: visit.professional_role && isRole(visit.professional_role) ? ROLE_LABELS[visit.professional_role] : null,
        },
      });
      break;
    }
    case 'synthese': {
      const page = await readDossier(ctx, dossier.id);
      const withMeasures = can(p, 'read', 'sensitive', relation);
      const plan = withMeasures ? await listDossierMeasures(ctx, dossier.id) : null;
      const tasks = has(p, 'task.manage') ? (await listDossierTasks(ctx, dossier.id)).items : [];
      model = caseSummaryDocument({
        service,
        reference: page.reference,
        stateLabel: page.stateLabel,
        openedAt: civilDate(new Date(page.openedAt)),
        summary: page.summary,
        worker: { ...workerFacts, nirMasked: page.worker.nirMasked },
        employments: page.employments.map((e) => ({ company: e.company.name, jobTitle: e.jobTitle, startDate: e.startDate, endDate: e.endDate })),
        assignees: page.assignees.map((a) => ({ displayName: a.displayName, roleLabel: a.roleLabel, isReferent: a.isReferent })),
        measures: plan ? plan.items.map((m) => ({ label: m.label, statusLabel: m.statusLabel, startDate: m.startDate, endDate: m.endDate, missingApprovals: m.missingApprovals.map((a) => a.label) })) : null,
        tasks: tasks.map((t) => ({ title: t.title, dueDate: t.dueDate, overdue: t.overdue, owner: t.owner?.displayName ?? null })),
        timeline: page.timeline.map((e) => ({ createdAt: civilDate(new Date(e.createdAt)), title: e.title, body: e.body, categoryLabel: e.categoryLabel })),
      });
      category = withMeasures || page.timeline.some((e) => e.category !== 'administrative' && e.category !== 'employer_visible') ? 'sensitive' : 'administrative';
      break;
    }
    case 'courrier_employeur': {
      const today = civilDate(ctx.now);
      const current = (await workers.findEmployments(ctx.trx, p.tenantId, worker.id)).find((e) => e.start_date <= today && (e.end_date === null || e.end_date >= today));
      if (!current) throw conflict('EMPLOYEUR_INCONNU', "Le salarié n'a pas d'employeur actuel : aucun courrier ne peut être édité.");
      const allowed = CATALOGUE.measures.filter((m) => m.employerVisibleAllowed).map((m) => m.code);
      const rows = await measures.findEmployerVisibleMeasures(ctx.trx, p.tenantId, [worker.id], allowed);
      model = employerLetterDocument({
        service,
        company: { name: current.company_name },
        worker: { displayName: workerDisplayName(worker), jobTitle: current.job_title },
        measures: rows.map((m) => ({ label: measureLabel(m.catalogue_code), statusLabel: isMeasureStatus(m.status) ? MEASURE_STATUS_LABELS[m.status] : m.status, startDate: m.start_date, endDate: m.end_date, note: m.employer_note })),
        contactName: p.label,
      });
      break;
    }
  }

  const pdf = await renderPdf(model, { createdAt: ctx.now });
  await ctx.record({
    action: 'document.generate', subjectType: 'dossier', subjectId: dossier.id, category, details: { kind: props.kind, visitId: props.visitId ?? null },
    timeline: { dossierId: dossier.id, kind: 'document', category: 'administrative', title: 'Document édité', body: DOCUMENT_LABELS[props.kind] },
  });
  return { fileName: model.fileName, title: model.title, pdf };
}

/** The information leaflet on job-retention measures (IGAS recommendation 16): no personal data, for anyone signed in. */
export async function generateLeaflet(ctx: Ctx): Promise<GeneratedDocument> {
  const model = leafletDocument(await serviceFacts(ctx));
  const pdf = await renderPdf(model, { createdAt: ctx.now });
  await ctx.record({ action: 'document.generate', subjectType: 'catalogue', subjectId: null, category: 'administrative', details: { kind: 'livret_mesures', version: CATALOGUE.version } });
  return { fileName: model.fileName, title: model.title, pdf };
}

/** Which documents the caller may generate on a dossier (the case page's « Documents » section). */
export async function listDossierDocuments(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'document.generate');
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service' || !can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  const sensitive = can(p, 'read', 'sensitive', relation);
  const vpr = sensitive ? await measures.findLatestVprOfDossier(ctx.trx, p.tenantId, dossier.id) : undefined;
  const items: { kind: DocumentKind; label: string; available: boolean; reason: string | null; visitId: string | null }[] = [
    { kind: 'synthese', label: DOCUMENT_LABELS.synthese, available: true, reason: null, visitId: null },
    { kind: 'courrier_employeur', label: DOCUMENT_LABELS.courrier_employeur, available: true, reason: null, visitId: null },
  ];
  for (const v of await measures.findPlannedVisitsOfDossier(ctx.trx, p.tenantId, dossier.id)) {
    const date = civilDate(new Date(v.scheduled_at));
    const what = VISIT_KIND_LABELS[v.kind] ?? 'visite';
    items.push({ kind: 'convocation', label: `${v.kind === 'liaison' ? 'Invitation au' : 'Convocation à la'} ${what} du ${frDate(date)}`, available: true, reason: null, visitId: v.id });
  }
  if (sensitive) {
    items.unshift({
      kind: 'fiche_liaison',
      label: DOCUMENT_LABELS.fiche_liaison,
      available: !!vpr && vpr.status !== 'en_attente',
      reason: !vpr ? 'Pas de fiche de liaison dans ce dossier.' : vpr.status === 'en_attente' ? 'La fiche attend votre réponse.' : null,
      visitId: null,
    });
  }
  return { items };
}
