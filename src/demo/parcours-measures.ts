/**
 * Demo content of parcours-measures: plans de maintien on ~80 demo dossiers with measures in
 * every status (approvals recorded with who and when, a refusal, abandoned ones with their
 * reason), deadline tasks of granted and running measures (some overdue), and on the demo
 * worker's dossier an essai encadré shared with her and an aménagement de poste shown to her
 * employer. Set-based inserts; deterministic for a given `now`.
 */
import type { Insertable } from 'kysely';
import * as demoRepo from '../db/repositories/demo.repository';
import type { Database } from '../db/connection';
import type { MeasureApprovalTable, MeasureTable } from '../db/schema-parcours/measures';
import type { TaskTable } from '../db/schema-intake/core';
import type { NewEntry } from '../db/repositories/timeline.repository';
import { inTenant } from '../db/tenant-tx';
import { civilDate } from '../domain/calendar/dates';
import { addDays } from '../domain/calendar/dates';
import { CATALOGUE_VERSION, catalogueMeasure, isJourOuvrable, measureLabel, type MeasureCode } from '../domain/parcours/catalogue';
import { MEASURE_STATUS_LABELS, type MeasureStatus } from '../domain/parcours/measure-states';
import { MEASURE_END_TASK_KIND, measureEndSubject } from '../domain/parcours/measure-tasks';
import { mulberry32 } from '../domain/random/prng';

const SEED = 6_0015;
const DOSSIERS = 80;
const SYSTEM = 'Système (données de démonstration)';

const STATUSES: readonly MeasureStatus[] = ['proposee', 'en_attente_accord', 'accordee', 'en_cours', 'terminee', 'refusee', 'abandonnee'];
const STATUS_WEIGHTS = [14, 16, 14, 24, 16, 6, 10];
/** Codes that need no arrêt, with their usual weights. */
const CODES: readonly MeasureCode[] = ['amenagementPoste', 'tpt', 'crpe', 'bilanCompetences', 'pmsmp', 'ptp', 'aideAgefiph', 'fipu', 'invaliditeCat1'];
const CODE_WEIGHTS = [30, 22, 6, 12, 6, 6, 8, 6, 4];

const DETAILS: Partial<Record<MeasureCode, string[]>> = {
  essaiEncadre: ['Essai au poste d’origine avec tutrice, sans port de charges lourdes.', 'Essai sur un poste d’accueil en journée, autre service de l’entreprise.'],
  amenagementPoste: ['Siège assis-debout et chariot de manutention ; étude ergonomique réalisée.', 'Suppression du travail de nuit pendant six mois, horaires de journée.'],
  tpt: ['Reprise à mi-temps sur quatre semaines puis à 80 %.', 'Temps partiel thérapeutique prescrit par le médecin traitant, reprise le matin.'],
  crpe: ['Formation tutorée au poste de préparateur de commandes, site voisin.'],
  bilanCompetences: ['Bilan de compétences pour préparer une reconversion administrative.'],
  pmsmp: ['Immersion d’un mois comme agent d’accueil, via Cap emploi.'],
  ptp: ['Projet de formation de technicien de maintenance, dossier Transitions Pro.'],
  aideAgefiph: ['Aide à l’aménagement du véhicule professionnel, via Cap emploi.'],
  fipu: ['Demande de subvention pour un lève-personne au poste.'],
  invaliditeCat1: ['Invalidité de catégorie 1 envisagée avec le médecin conseil, temps partiel à 50 %.'],
};
const EMPLOYER_NOTES: Partial<Record<MeasureCode, string>> = {
  amenagementPoste: 'Poste de jour, siège assis-debout et aide à la manutention.',
  essaiEncadre: 'Essai au poste avec une tutrice désignée par l’encadrement.',
  crpe: 'Formation tutorée en entreprise : un tuteur à désigner.',
  fipu: 'Subvention de la Carsat pour l’équipement du poste.',
};
const APPROVERS: Record<string, [string, string]> = {
  medecin_travail: ['Dr Claire Lemaire', 'Médecin du travail, Santé Travail Demo'],
  medecin_conseil: ['Dr Philippe Hennebelle', "Service médical de l'Assurance maladie"],
  medecin_traitant: ['Dr Jean Vasseur', 'Médecin traitant'],
  employeur: ['Service des ressources humaines', 'Employeur'],
  convention_cpam: ['Nadia Belkacem', 'CPAM du Nord'],
  cpam: ['Nadia Belkacem', 'CPAM du Nord'],
  service_social: ['Valérie Duhamel', 'Service social Carsat Hauts-de-France'],
  prescripteur: ['Julien Lecomte', 'Cap emploi Nord'],
  transitions_pro: ['Commission paritaire', 'Transitions Pro Hauts-de-France'],
  agefiph: ['Conseillère Agefiph', 'Agefiph Hauts-de-France'],
  carsat: ['Ingénieur conseil', 'Carsat Hauts-de-France'],
};

/** Start on a jour ouvrable, end after `n` jours ouvrables (essai encadré). */
function workingPeriod(start: string, n: number): [string, string] {
  let s = start;
  while (!isJourOuvrable(s)) s = addDays(s, 1);
  let e = s;
  for (let k = 1; k < n; ) {
    e = addDays(e, 1);
    if (isJourOuvrable(e)) k += 1;
  }
  return [s, e];
}

export async function seedParcoursMeasuresDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const rng = mulberry32(SEED);
  const today = civilDate(now);
  await inTenant(database.db, tenantId, async (trx) => {
    const demoWorker = await demoRepo.findWorkerByEmailLike(trx, tenantId, 'salarie@%');
    const dossiers = { rows: await demoRepo.findMeasureDemoDossiers(trx, tenantId, today, demoWorker?.id ?? null, DOSSIERS) };

    const measures: Insertable<MeasureTable>[] = [];
    const approvals: Insertable<MeasureApprovalTable>[] = [];
    const tasks: Insertable<TaskTable>[] = [];
    const entries: NewEntry[] = [];
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);

    const add = (d: { id: string; worker_id: string; owner: string | null }, code: MeasureCode, status: MeasureStatus, start: string, end: string | null, o: { shared?: boolean; employer?: boolean; renewal?: [string, string] } = {}) => {
      const id = crypto.randomUUID();
      const entry = catalogueMeasure(code);
      const createdDaysAgo = Math.max(1, Math.min(120, -Math.floor((Date.parse(start) - Date.parse(today)) / 86_400_000) + rng.int(5, 20)));
      const periods = o.renewal ? [{ start, end }, { start: o.renewal[0], end: o.renewal[1] }] : [{ start, end }];
      const finalEnd = o.renewal ? o.renewal[1] : end;
      const ended = status === 'terminee' || status === 'refusee' || status === 'abandonnee';
      measures.push({
        tenant_id: tenantId,
        id,
        dossier_id: d.id,
        worker_id: d.worker_id,
        catalogue_code: code,
        catalogue_version: CATALOGUE_VERSION,
        status,
        start_date: start,
        end_date: finalEnd,
        periods: JSON.stringify(periods),
        renewals: periods.length - 1,
        details: rng.pick(DETAILS[code] ?? ['Mesure discutée en staff.']),
        employer_note: o.employer ? (EMPLOYER_NOTES[code] ?? null) : null,
        shared_with_worker: o.shared ?? rng.chance(0.5),
        employer_visible: (o.employer ?? false) && entry.employerVisibleAllowed,
        status_reason: status === 'abandonnee' ? rng.pick(['Le salarié ne souhaite pas donner suite.', 'Reprise au poste sans aménagement.', "Licenciement pour inaptitude prononcé avant la mise en place."]) : status === 'refusee' ? 'Refus notifié par l’organisme.' : null,
        proposed_by: d.owner,
        proposed_by_name: SYSTEM,
        created_at: at(createdDaysAgo),
        updated_at: at(Math.max(0, createdDaysAgo - 3)),
        ended_at: ended ? at(Math.max(0, createdDaysAgo - 5)) : null,
      });
      // Approvals: all for granted / running / ended ones, some while waiting, a refusal for refused ones.
      const kinds = entry.approvals;
      const given = status === 'proposee' || status === 'abandonnee' ? 0 : status === 'en_attente_accord' ? rng.int(1, Math.max(1, kinds.length - 1)) : kinds.length;
      kinds.slice(0, given).forEach((kind, i) => {
        const [byName, byOrganisation] = APPROVERS[kind];
        const refused = status === 'refusee' && i === given - 1;
        approvals.push({
          tenant_id: tenantId,
          measure_id: id,
          kind,
          decision: refused ? 'refus' : 'accord',
          decided_on: civilDate(at(Math.max(0, createdDaysAgo - 1 - i))),
          by_name: byName,
          by_organisation: byOrganisation,
          note: refused ? 'Conditions non réunies à ce jour.' : null,
          recorded_by: d.owner,
          recorded_by_name: SYSTEM,
          recorded_at: at(Math.max(0, createdDaysAgo - 1 - i)),
        });
      });
      if ((status === 'accordee' || status === 'en_cours') && finalEnd) {
        tasks.push({
          tenant_id: tenantId,
          worker_id: d.worker_id,
          dossier_id: d.id,
          kind: MEASURE_END_TASK_KIND,
          title: entry.deadlineTask,
          due_date: finalEnd,
          owner_user_id: d.owner,
          rule_id: MEASURE_END_TASK_KIND,
          subject_ref: measureEndSubject(id, finalEnd),
          created_at: at(Math.max(0, createdDaysAgo - 2)),
        });
      }
      entries.push({
        tenant_id: tenantId,
        dossier_id: d.id,
        kind: 'measure',
        category: 'sensitive',
        title: status === 'proposee' ? 'Mesure proposée' : `Mesure ${MEASURE_STATUS_LABELS[status].toLowerCase()}`,
        body: `${measureLabel(code)}.`,
        shared_with_worker: false,
        author_user_id: null,
        author_name: SYSTEM,
        created_at: at(Math.max(0, createdDaysAgo - 3)),
      });
    };

    for (const d of dossiers.rows) {
      const n = rng.chance(0.35) ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const status = rng.weighted(STATUSES, STATUS_WEIGHTS);
        // Running measures started in the past, proposed ones start soon; some running ones are past their end (overdue task).
        const startAgo = status === 'proposee' || status === 'en_attente_accord' || status === 'accordee' ? -rng.int(3, 30) : rng.int(10, 90);
        const start = addDays(today, -startAgo);
        if (d.arret_start && k === 0 && rng.chance(0.5)) {
          // An essai encadré inside the running arrêt.
          const from = start < d.arret_start ? d.arret_start : start;
          const [s, e] = workingPeriod(from, rng.int(5, 14));
          if (!d.arret_end || e <= d.arret_end) {
            add(d, 'essaiEncadre', status, s, e);
            continue;
          }
        }
        const code = rng.weighted(CODES, CODE_WEIGHTS);
        const lengthDays: Partial<Record<MeasureCode, number>> = { tpt: rng.int(30, 120), crpe: rng.int(120, 500), pmsmp: rng.int(10, 28), bilanCompetences: rng.int(30, 60), ptp: rng.int(180, 300) };
        const len = lengthDays[code];
        const end = len ? addDays(start, len) : status === 'terminee' ? addDays(start, rng.int(20, 60)) : null;
        add(d, code, status, start, end, { employer: catalogueMeasure(code).employerVisibleAllowed && rng.chance(0.4) });
      }
    }

    // The demo worker: an essai encadré running now, shared with her, and an aménagement de poste shown to her employer.
    if (demoWorker) {
      const dossier = await demoRepo.findLatestDossierOfWorker(trx, tenantId, demoWorker.id);
      if (dossier) {
        if (!(await demoRepo.hasArretCovering(trx, tenantId, demoWorker.id, addDays(today, -10), addDays(today, 30)))) {
          await demoRepo.insertArrets(trx, [{ tenant_id: tenantId, worker_id: demoWorker.id, source: 'equipe', nature: 'maladie', start_date: addDays(today, -75), expected_end_date: addDays(today, 45) }]);
        }
        const [s, e] = workingPeriod(addDays(today, -6), 14);
        add(dossier, 'essaiEncadre', 'en_cours', s, e, { shared: true, employer: true });
        add(dossier, 'amenagementPoste', 'accordee', addDays(today, 20), null, { shared: true, employer: true });
      }
    }

    if (measures.length === 0) return;
    await demoRepo.insertRows(trx, 'measure', measures);
    await demoRepo.insertRows(trx, 'measure_approval', approvals);
    await demoRepo.insertRows(trx, 'task', tasks, { ignoreConflicts: true });
    await demoRepo.insertRows(trx, 'timeline_entry', entries);
  });
}
