/**
 * Demo content of parcours-visits: visits past and coming (some answering the rules' « Organiser la
 * visite de reprise » tasks, one late), rendez-vous de liaison, two staff meetings held with minutes
 * and decisions (one partenariale with the CPAM and the Carsat) and one coming, exits of the cases
 * « Sorti » / « En suivi » with their outcomes and follow-up tasks (due, done, some lost to
 * follow-up), and inaptitude records feeding the ex-post review list. Direct inserts in one tenant
 * transaction: deterministic for a given `now`, well under a second.
 */
import type { Insertable } from 'kysely';
import * as demoRepo from '../db/repositories/demo.repository';
import type { Database } from '../db/connection';
import type { DB } from '../db/schema';
import { exitTimelineEntry } from './exit-timeline';
import { inTenant, type Tx } from '../db/tenant-tx';
import { civilDate } from '../domain/calendar/dates';
import { addDays } from '../domain/calendar/dates';
import { FOLLOW_UP_RULES, FOLLOW_UP_TITLES, followUpDue, followUpOpensOn, followUpSubject } from '../domain/parcours/exit';
import { LIAISON_OUTCOMES, returnDateOfSubject } from '../domain/parcours/visits';
import { OUTCOMES, type Outcome } from '../domain/parcours/outcomes';
import { mulberry32 } from '../domain/random/prng';
import { seedHistoricalOutcomes } from './risk-outcomes';

const SEED = 6_0716;
const DAY = 86_400_000;

/** An instant `days` from `now` at `hour`:`minute` Paris time (approximated as UTC+1). */
const slot = (now: Date, days: number, hour: number, minute = 0) => {
  const d = civilDate(new Date(now.getTime() + days * DAY));
  return new Date(`${d}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`);
};

const PLACES = ['Centre médical de Lille — Euralille', 'Centre médical de Roubaix', 'Antenne de Villeneuve-d’Ascq', 'Téléconsultation', "Dans les locaux de l'entreprise"];
const CONCLUSIONS = [
  'Reprise à temps partiel thérapeutique conseillée ; éviter le port de charges de plus de 10 kg pendant 3 mois.',
  'Douleurs lombaires persistantes ; aménagement du poste à étudier avec l’ergonome avant la reprise.',
  'Fatigue importante ; reprise envisageable dans un mois, revoir en visite de pré-reprise.',
  'Apte avec aménagement : alternance des tâches, pas de travail de nuit.',
  'Situation stable ; informée des mesures de maintien possibles (essai encadré, CRPE).',
];
const STAFF_MINUTES = [
  "Présentation de la situation par l'infirmier ; accord de l'équipe pour proposer une étude de poste et un contact avec le service RH.",
  'Risque de désinsertion élevé ; orientation vers la psychologue du travail et point avec la Carsat sur la fin des droits.',
  "Reprise prévue le mois prochain : organiser la visite de reprise et préparer l'aménagement d'horaires.",
];
const PARTNER_MINUTES = [
  "La CPAM étudie la convention d'essai encadré ; l'employeur est d'accord sur le principe.",
  'Le service social Carsat propose un accompagnement pendant l’arrêt ; rendez-vous fixé.',
  'Projet de reconversion : orientation vers Transitions Pro à envisager après le bilan de compétences.',
];
/** A staff's decision is the cell's (sensitive): its task (read by the assistant too) names it in neutral words, as the service does. */
const decisionTaskTitle = (kind: string, at: Date, text: string) =>
  kind === 'staff_pluridisciplinaire' ? `Mettre en œuvre la décision du staff pluridisciplinaire du ${civilDate(at).split('-').reverse().join('/')}` : text;

const DECISIONS = [
  "Demander une étude de poste à l'ergonome",
  "Prendre contact avec l'employeur pour l'aménagement des horaires",
  'Proposer un bilan de compétences au salarié',
  'Adresser la situation au service social Carsat',
];

interface Staff {
  id: string;
  role: string;
  email: string;
  organisation_id: string;
}

export async function seedParcoursVisitsDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const rng = mulberry32(SEED);
  const today = civilDate(now);
  await inTenant(database.db, tenantId, async (trx) => {
    const members = (await demoRepo.findMembers(trx, tenantId)) as Staff[];
    const byLocal = (local: string) => members.find((m) => m.email.startsWith(`${local}@`));
    const medecins = members.filter((m) => m.role === 'medecin_travail');
    const infirmiers = members.filter((m) => m.role === 'infirmier');
    const cell = members.filter((m) => ['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission'].includes(m.role));
    const medecin = byLocal('medecin') ?? medecins[0];
    const chargee = byLocal('charge-mission') ?? cell[0];
    if (!medecin || !chargee) return;

    const dossiers = await demoRepo.findDossiers(trx, tenantId);
    const [demoWorker] = await demoRepo.findUsersByEmail(trx, tenantId, ['salarie@%']);
    const open = dossiers.filter((d) => ['a_evaluer', 'en_accompagnement'].includes(d.state));
    const demoDossier = dossiers.find((d) => d.worker_id === demoWorker?.worker_id && ['signale', 'a_evaluer', 'en_accompagnement'].includes(d.state));

    // ---- Visits ----------------------------------------------------------------------------
    const visits: Insertable<DB['visit']>[] = [];
    const entries: Insertable<DB['timeline_entry']>[] = [];
    const closeTasks: string[] = [];
    const add = (d: { id: string; worker_id: string }, v: Omit<Insertable<DB['visit']>, 'tenant_id' | 'dossier_id' | 'worker_id'>) => {
      visits.push({ tenant_id: tenantId, dossier_id: d.id, worker_id: d.worker_id, created_by: chargee.id, created_at: now, updated_at: now, ...v });
    };
    // Open « Organiser la visite de reprise » tasks: most answered by a planned visit (one late).
    const repriseTasks = await demoRepo.findOpenRepriseTasks(trx, tenantId, 8);
    repriseTasks.slice(0, 6).forEach((t, i) => {
      const back = returnDateOfSubject(t.subject_ref);
      // The fourth is planned after return + 8 days, to show the late flag.
      const offset = back ? Math.max(1, (Date.parse(back) - Date.parse(today)) / DAY + (i === 3 ? 11 : rng.int(1, 6))) : rng.int(2, 12);
      add({ id: t.dossier_id!, worker_id: t.worker_id }, { kind: 'reprise', scheduled_at: slot(now, offset, 9 + (i % 4) * 2, 30), place: PLACES[i % 3], professional_user_id: medecins[i % medecins.length]?.id ?? medecin.id, return_date: back, task_id: t.id });
      closeTasks.push(t.id);
    });
    if (demoDossier) {
      add(demoDossier, { kind: 'pre_reprise', scheduled_at: slot(now, -24, 10), place: PLACES[0], professional_user_id: medecin.id, status: 'realisee', outcome: CONCLUSIONS[0] });
      add(demoDossier, { kind: 'liaison', scheduled_at: slot(now, -12, 14), place: PLACES[4], professional_user_id: chargee.id, status: 'realisee', outcome: 'informe_mesures', requested_by: 'employeur' });
      add(demoDossier, { kind: 'reprise', scheduled_at: slot(now, 6, 9), place: PLACES[0], professional_user_id: medecin.id, return_date: addDays(today, 2) });
    }
    open.slice(0, 30).forEach((d, i) => {
      if (d.id === demoDossier?.id) return;
      const kinds = ['pre_reprise', 'mi_carriere', 'demande', 'liaison', 'pre_reprise'] as const;
      const kind = kinds[i % kinds.length];
      const past = i % 3 === 0;
      const pro = kind === 'liaison' ? cell[i % cell.length] : kind === 'pre_reprise' ? medecins[i % medecins.length] : [...medecins, ...infirmiers][i % (medecins.length + infirmiers.length)];
      const status = past ? (i % 9 === 0 ? 'non_presente' : 'realisee') : 'planifiee';
      add(d, {
        kind,
        scheduled_at: slot(now, past ? -rng.int(3, 60) : rng.int(1, 40), 8 + rng.int(0, 8), rng.chance(0.5) ? 0 : 30),
        place: kind === 'liaison' ? PLACES[4] : rng.pick(PLACES.slice(0, 4)),
        professional_user_id: pro?.id ?? medecin.id,
        status,
        outcome: status !== 'realisee' ? null : kind === 'liaison' ? rng.pick(LIAISON_OUTCOMES) : rng.pick(CONCLUSIONS),
        requested_by: kind === 'demande' ? rng.pick(['salarie', 'employeur', 'medecin_travail'] as const) : kind === 'liaison' ? rng.pick(['salarie', 'employeur'] as const) : null,
      });
    });
    await demoRepo.insertRows(trx, 'visit', visits);
    await demoRepo.closeTasks(trx, tenantId, closeTasks, chargee.id, now);
    for (const v of visits) {
      entries.push({
        tenant_id: tenantId,
        dossier_id: v.dossier_id,
        kind: 'visit',
        category: 'administrative',
        title: v.status === 'realisee' ? 'Visite réalisée' : v.status === 'non_presente' ? 'Salarié non présenté à la visite' : 'Visite planifiée',
        body: `Visite du ${civilDate(v.scheduled_at as Date).split('-').reverse().join('/')}${v.place ? `, ${v.place}` : ''}.`,
        shared_with_worker: true,
        author_name: 'Cellule PDP',
        created_at: new Date(Math.min(now.getTime(), (v.scheduled_at as Date).getTime())),
      });
    }

    // ---- Staff meetings --------------------------------------------------------------------
    const orgs = await demoRepo.findOrganisations(trx, tenantId);
    const spsti = orgs.find((o) => o.kind === 'spsti');
    const cpamAgent = byLocal('cpam');
    const carsatAgent = byLocal('carsat');
    const consented = async (orgId: string | undefined) => (orgId ? demoRepo.findConsentedDossierIds(trx, tenantId, orgId, ['a_evaluer', 'en_accompagnement']) : []);
    const cpamCases = await consented(cpamAgent?.organisation_id);
    const carsatCases = await consented(carsatAgent?.organisation_id);
    const meetingSpecs = [
      { kind: 'staff_pluridisciplinaire', title: 'Staff pluridisciplinaire du mois', at: slot(now, -21, 14), status: 'tenue', cases: open.slice(2, 5).map((d) => d.id), minutes: STAFF_MINUTES, partners: [] as Staff[] },
      {
        kind: 'instance_partenariale',
        title: 'Instance partenariale PDP — Métropole lilloise',
        at: slot(now, -9, 10),
        status: 'tenue',
        cases: [...new Set([...(demoDossier ? [demoDossier.id] : []), ...cpamCases.slice(0, 1), ...carsatCases.slice(0, 1), open[6]?.id].filter((x): x is string => !!x))],
        minutes: PARTNER_MINUTES,
        partners: [cpamAgent, carsatAgent].filter((x): x is Staff => !!x),
      },
      { kind: 'staff_pluridisciplinaire', title: 'Staff pluridisciplinaire', at: slot(now, 12, 14), status: 'planifiee', cases: open.slice(7, 9).map((d) => d.id), minutes: [] as string[], partners: [] as Staff[] },
    ];
    const tasks: Insertable<DB['task']>[] = [];
    for (const [mi, spec] of meetingSpecs.entries()) {
      const id = await demoRepo.insertRowReturningId(trx, 'meeting', { tenant_id: tenantId, kind: spec.kind, title: spec.title, scheduled_at: spec.at, place: 'Salle de réunion — siège du service', status: spec.status, created_by: chargee.id, created_at: now, updated_at: now });
      const attendees = [chargee, medecin, infirmiers[0], ...spec.partners].filter((x): x is Staff => !!x);
      await demoRepo.insertRows(trx, 'meeting_attendee', [...new Map(attendees.map((a) => [a.id, a])).values()].map((a) => ({ tenant_id: tenantId, meeting_id: id, user_id: a.id, organisation_id: a.organisation_id ?? spsti!.id })));
      for (const [ci, dossierId] of spec.cases.entries()) {
        const minutes = spec.minutes[ci % Math.max(1, spec.minutes.length)] ?? null;
        await demoRepo.insertRows(trx, 'meeting_case', [{ tenant_id: tenantId, meeting_id: id, dossier_id: dossierId, position: ci + 1, minutes: spec.status === 'tenue' ? minutes : null, minutes_by: spec.status === 'tenue' ? chargee.id : null, minutes_at: spec.status === 'tenue' ? spec.at : null }]);
        if (spec.status !== 'tenue') continue;
        const d = dossiers.find((x) => x.id === dossierId)!;
        const owner = cell[(mi + ci) % cell.length];
        const due = addDays(today, ci === 0 ? -3 : 10 + ci * 5);
        const text = DECISIONS[(mi + ci) % DECISIONS.length];
        const taskId = crypto.randomUUID();
        tasks.push({ tenant_id: tenantId, id: taskId, worker_id: d.worker_id, dossier_id: d.id, kind: 'decision_instance', title: decisionTaskTitle(spec.kind, spec.at, text), due_date: due, owner_user_id: owner.id, subject_ref: `decision:${id}:${ci}`, created_at: spec.at });
        await demoRepo.insertRows(trx, 'task', [tasks[tasks.length - 1]]);
        await demoRepo.insertRows(trx, 'meeting_decision', [{ tenant_id: tenantId, meeting_id: id, dossier_id: d.id, text, owner_user_id: owner.id, due_date: due, task_id: taskId, created_by: chargee.id, created_at: spec.at }]);
        entries.push({
          tenant_id: tenantId,
          dossier_id: d.id,
          kind: 'meeting',
          category: spec.kind === 'staff_pluridisciplinaire' ? 'sensitive' : 'administrative',
          title: `Compte rendu — ${spec.title}`,
          body: minutes ?? '',
          shared_with_worker: false,
          author_name: 'Cellule PDP',
          created_at: spec.at,
        });
      }
    }

    // ---- Exits and follow-up ---------------------------------------------------------------
    const left = dossiers.filter((d) => d.state === 'sorti' || d.state === 'suivi').slice(0, 40);
    const exitRows: Insertable<DB['dossier_exit']>[] = [];
    const followTasks: Insertable<DB['task']>[] = [];
    const weights = [22, 14, 8, 5, 6, 5, 5, 4, 4, 6, 6];
    left.forEach((d, i) => {
      const exitedAt = addDays(civilDate(d.state_changed_at), d.state === 'sorti' ? 0 : -rng.int(150, 300));
      const exited = exitedAt < addDays(today, -360) ? addDays(today, -rng.int(200, 350)) : exitedAt;
      let outcome: Outcome = rng.weighted(OUTCOMES, weights);
      if (i % 11 === 4) outcome = 'perdu_de_vue';
      const sixOpen = today >= followUpOpensOn(exited, 6);
      const six: Outcome | null = d.state !== 'sorti' && sixOpen ? (i % 7 === 2 ? 'perdu_de_vue' : outcome === 'perdu_de_vue' ? 'maintien_poste' : outcome) : null;
      // Cases still « En suivi »: the 12-month follow-up is still to come.
      const twelve: Outcome | null = null;
      const latest = twelve ?? six ?? outcome;
      exitRows.push({
        tenant_id: tenantId,
        dossier_id: d.id,
        worker_id: d.worker_id,
        outcome,
        exited_at: exited,
        follow_up_6m_outcome: six,
        follow_up_6m_at: six ? addDays(followUpDue(exited, 6), rng.int(-10, 5)) : null,
        follow_up_12m_outcome: twelve,
        follow_up_12m_at: twelve ? addDays(followUpDue(exited, 12), rng.int(-10, 5)) : null,
        lost_to_follow_up: latest === 'perdu_de_vue',
        recorded_by: chargee.id,
        created_at: now,
        updated_at: now,
      });
      for (const h of [6, 12] as const) {
        const doneOutcome = h === 6 ? six : twelve;
        const doneOn = h === 6 ? exitRows[exitRows.length - 1].follow_up_6m_at : exitRows[exitRows.length - 1].follow_up_12m_at;
        followTasks.push({
          tenant_id: tenantId,
          worker_id: d.worker_id,
          dossier_id: d.id,
          kind: FOLLOW_UP_RULES[h],
          title: FOLLOW_UP_TITLES[h],
          due_date: followUpDue(exited, h),
          rule_id: FOLLOW_UP_RULES[h],
          subject_ref: followUpSubject(d.id),
          status: doneOutcome ? 'fait' : 'a_faire',
          done_at: doneOn ? new Date(`${doneOn}T10:00:00Z`) : null,
          owner_user_id: h === 6 ? chargee.id : null,
          created_at: now,
        });
      }
      entries.push(exitTimelineEntry(tenantId, d.id, exited, new Date(`${exited}T11:00:00Z`)));
    });
    await demoRepo.insertRows(trx, 'dossier_exit', exitRows);
    await demoRepo.insertRows(trx, 'task', followTasks, { ignoreConflicts: true });

    // ---- Inaptitude and the review list -----------------------------------------------------
    const noDossier = await demoRepo.findEmployedWorkersWithoutDossier(trx, tenantId, 5);
    const withDossier = left.slice(0, 2);
    const inapt: Insertable<DB['inaptitude']>[] = [];
    noDossier.forEach((w, i) => {
      const avis = addDays(today, -rng.int(40, 300));
      inapt.push({
        tenant_id: tenantId,
        worker_id: w.id,
        company_id: w.company_id,
        avis_date: avis,
        dispense_reclassement: i % 2 === 0,
        origin: i === 1 ? 'professionnelle' : 'non_professionnelle',
        dismissal_date: i < 4 ? addDays(avis, rng.int(20, 35)) : null,
        recorded_by: medecin.id,
        created_at: now,
        updated_at: now,
      });
    });
    withDossier.forEach((d) => {
      const avis = addDays(today, -rng.int(20, 90));
      inapt.push({ tenant_id: tenantId, worker_id: d.worker_id, dossier_id: d.id, avis_date: avis, dispense_reclassement: false, dismissal_date: addDays(avis, 30) < today ? addDays(avis, 30) : null, recorded_by: medecin.id, created_at: now, updated_at: now });
    });
    await demoRepo.insertRows(trx, 'inaptitude', inapt);
    // The review list needs a signed high index for some of them: the risk index of a past
    // visit, recorded as a historical assessment (only when the index table exists, contract C2).
    const hasIndex = await demoRepo.hasRiskTables(trx);
    if (hasIndex) await seedHistoricalIndex(trx, tenantId, noDossier.slice(0, 3).map((w, i) => ({ workerId: w.id, level: i === 2 ? 1 : 2 + (i % 2) })), now, medecin.id);
    // Older cases closed at their 12-month follow-up, with the index signed before the exit:
    // something for « Évaluation de l'indice » on the service's own cases (risk-outcomes.ts).
    if (hasIndex) {
      const medecinName = (await demoRepo.findUser(trx, medecin.id))?.display_name ?? 'Médecin du travail';
      await seedHistoricalOutcomes(trx, tenantId, now, { chargeeId: chargee.id, medecinId: medecin.id, medecinName });
    }

    await demoRepo.insertRows(trx, 'timeline_entry', entries);
  });
}

async function seedHistoricalIndex(trx: Tx, tenantId: string, rows: { workerId: string; level: number }[], now: Date, authorId: string) {
  await demoRepo.insertHistoricalIndex(trx, tenantId, rows.map((r, i) => ({ ...r, signedAt: new Date(now.getTime() - (400 + i * 30) * DAY) })), authorId);
}
