/**
 * Parcours visits and staff meetings (docs/parcours-visits.md) through the HTTP API on a real
 * database: scheduling answers the rule task, the reprise deadline, the rendez-vous de liaison
 * without medical content, who sees what (worker, employer, partner), meetings with partners
 * restricted to consented cases, decisions becoming tasks.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'social', 'assistant', 'admin', 'charge-mission', 'cpam', 'carsat', 'employeur', 'salarie'];

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;

/** Civil date in Paris, `n` days from today. */
function day(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + n * 86_400_000));
}
/** An instant on day `n` at 10:00 Paris time (winter or summer offset). */
function at(n: number, hour = 10): string {
  const d = day(n);
  const noon = new Date(`${d}T12:00:00Z`);
  const h = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(noon));
  return `${d}T${String(hour).padStart(2, '0')}:00:00+0${h - 12}:00`;
}

const tenantId = async () => (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;

/** The demo worker's dossier (Sandrine Leclercq, employed by the demo company, consented to the CPAM). */
async function demoDossier() {
  return db()
    .selectFrom('dossier')
    .select(['id', 'worker_id', 'state'])
    .where('worker_id', '=', s.salarie.me.user.workerId!)
    .orderBy('opened_at', 'desc')
    .executeTakeFirstOrThrow();
}

/** Open dossiers in a given state, of workers other than the demo worker. */
async function dossiersIn(state: string, n: number) {
  return db()
    .selectFrom('dossier')
    .select(['id', 'worker_id'])
    .where('state', '=', state)
    .where('worker_id', '!=', s.salarie.me.user.workerId!)
    .orderBy('reference')
    .limit(n)
    .execute();
}

async function insertRuleTask(workerId: string, dossierId: string, ruleId: string, subjectRef: string, dueDate: string) {
  return (
    await db()
      .insertInto('task')
      .values({ tenant_id: await tenantId(), worker_id: workerId, dossier_id: dossierId, kind: ruleId, title: `Tâche ${ruleId}`, due_date: dueDate, rule_id: ruleId, subject_ref: subjectRef })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

describe('visits', () => {
  it('scheduling a visite de reprise closes the matching rule task and flags a visit after return + 8 days', async () => {
    const d = await demoDossier();
    const returnOn = day(-10);
    const taskId = await insertRuleTask(d.worker_id, d.id, 'visite_reprise', `arret:${crypto.randomUUID()}:${returnOn}`, day(-2));
    const medecin = s.medecin.me.user.id;
    const res = await api('assistant').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'reprise', scheduledAt: at(1), place: 'Centre de Lille', professionalUserId: medecin });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.closedTask.id).toBe(taskId);
    expect(body.visit.returnDate).toBe(returnOn);
    // Return 10 days ago, deadline 2 days ago, visit tomorrow: 3 days late.
    expect(body.visit.reprise).toEqual({ deadline: day(-2), late: true, daysLate: 3 });
    const task = await db().selectFrom('task').select(['status']).where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task.status).toBe('fait');
    const entry = await db().selectFrom('timeline_entry').select(['body']).where('dossier_id', '=', d.id).where('kind', '=', 'visit').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(entry.body).toContain('En retard');
  });

  it('a visite de reprise on the 8th day after the return is on time, on the 9th it is late', async () => {
    const d = await demoDossier();
    const onTime = await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'reprise', scheduledAt: at(8), returnDate: day(0) });
    expect(onTime.json().visit.reprise).toMatchObject({ late: false, daysLate: 0, deadline: day(8) });
    const late = await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'reprise', scheduledAt: at(9), returnDate: day(0) });
    expect(late.json().visit.reprise).toMatchObject({ late: true, daysLate: 1 });
  });

  it('refuses bad input with a stable code, never a 500', async () => {
    const d = await demoDossier();
    const cases: [unknown, string][] = [
      [{ kind: 'autre', scheduledAt: at(1) }, 'VISITE_TYPE_INCONNU'],
      [{ kind: 'reprise', scheduledAt: 'demain' }, 'VISITE_DATE_INVALIDE'],
      [{ kind: 'reprise', scheduledAt: at(800) }, 'VISITE_DATE_HORS_LIMITES'],
      [{ kind: 'demande', scheduledAt: at(1) }, 'VISITE_DEMANDEUR_REQUIS'],
      [{ kind: 'liaison', scheduledAt: at(1), requestedBy: 'medecin_conseil' }, 'LIAISON_DEMANDEUR_INVALIDE'],
      [{ kind: 'pre_reprise', scheduledAt: at(1), professionalUserId: s.infirmier.me.user.id }, 'VISITE_PROFESSIONNEL_INVALIDE'],
      [{ kind: 'reprise', scheduledAt: at(1), professionalUserId: s.cpam.me.user.id }, 'VISITE_PROFESSIONNEL_INCONNU'],
      [{ kind: 'mi_carriere', scheduledAt: at(1), returnDate: day(0) }, 'DATE_REPRISE_INATTENDUE'],
      [{ kind: 'reprise', scheduledAt: at(1), taskId: crypto.randomUUID() }, 'TACHE_NON_CORRESPONDANTE'],
    ];
    for (const [payload, code] of cases) {
      const r = await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
  });

  it('a visite de pré-reprise is never planned on the employer\'s request (L4624-2-4); his other requests stay', async () => {
    const d = await demoDossier();
    const before = await db().selectFrom('visit').select(db().fn.countAll<string>().as('n')).where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
    const refused = await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'pre_reprise', scheduledAt: at(3), requestedBy: 'employeur' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'PRE_REPRISE_DEMANDEUR_INVALIDE',
      field: 'requestedBy',
      message: "La visite de pré-reprise est organisée à l'initiative du salarié, du médecin traitant, du médecin conseil ou du médecin du travail, jamais de l'employeur (art. L4624-2-4 du code du travail).",
    });
    const after = await db().selectFrom('visit').select(db().fn.countAll<string>().as('n')).where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    for (const requestedBy of ['salarie', 'medecin_traitant', 'medecin_conseil', 'medecin_travail']) {
      const ok = await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'pre_reprise', scheduledAt: at(3), requestedBy });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().visit.requestedBy).toBe(requestedBy);
    }
    const demande = await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'demande', scheduledAt: at(4), requestedBy: 'employeur' });
    expect(demande.statusCode, demande.body).toBe(201);
    const liaison = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'liaison', scheduledAt: at(4), requestedBy: 'employeur' });
    expect(liaison.statusCode, liaison.body).toBe(201);
  });

  it('a rendez-vous de liaison records only an administrative outcome from the list, never free text', async () => {
    const d = await demoDossier();
    const created = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'liaison', scheduledAt: at(2), requestedBy: 'employeur', place: "Locaux de l'entreprise" });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().visit.id;
    const withText = await api('medecin').post(`/api/v1/visits/${id}/outcome`, { status: 'realisee', outcome: 'Lombalgie chronique, reprise difficile', liaisonOutcome: 'informe_mesures' });
    expect(withText.statusCode).toBe(400);
    expect(withText.json().error.code).toBe('LIAISON_SANS_INFORMATION_MEDICALE');
    const noCode = await api('charge-mission').post(`/api/v1/visits/${id}/outcome`, { status: 'realisee' });
    expect(noCode.json().error.code).toBe('LIAISON_SUITE_REQUISE');
    const ok = await api('charge-mission').post(`/api/v1/visits/${id}/outcome`, { status: 'realisee', liaisonOutcome: 'vpr_proposee' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'realisee', liaisonOutcome: 'vpr_proposee', outcome: 'Visite de pré-reprise proposée au salarié' });
    const again = await api('charge-mission').post(`/api/v1/visits/${id}/outcome`, { status: 'annulee' });
    expect(again.json().error.code).toBe('VISITE_DEJA_CLOSE');
  });

  it('the conclusion of a medical visit is written by a health professional and hidden from other roles', async () => {
    const d = await demoDossier();
    const v = (await api('assistant').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'mi_carriere', scheduledAt: at(3), professionalUserId: s.infirmier.me.user.id })).json().visit;
    const byAssistant = await api('assistant').post(`/api/v1/visits/${v.id}/outcome`, { status: 'realisee', outcome: 'Douleurs d’épaule, restrictions de port de charges' });
    expect(byAssistant.statusCode).toBe(403);
    const byNurse = await api('infirmier').post(`/api/v1/visits/${v.id}/outcome`, { status: 'realisee', outcome: 'Douleurs d’épaule, restrictions de port de charges' });
    expect(byNurse.statusCode, byNurse.body).toBe(200);
    const forSocial = (await api('social').get(`/api/v1/dossiers/${d.id}/visits`)).json().items.find((x: { id: string }) => x.id === v.id);
    expect(forSocial).toMatchObject({ outcomeVisible: false, outcome: null });
    const forDoctor = (await api('medecin').get(`/api/v1/dossiers/${d.id}/visits`)).json().items.find((x: { id: string }) => x.id === v.id);
    expect(forDoctor.outcome).toContain('épaule');
    const audit = await db().selectFrom('audit_event').select('action').where('action', '=', 'visit.read').where('subject_id', '=', d.id).execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('the worker sees his appointments; the employer sees dates of reprise and liaison but never a pré-reprise nor an outcome', async () => {
    const d = await demoDossier();
    const pre = (await api('medecin').post(`/api/v1/dossiers/${d.id}/visits`, { kind: 'pre_reprise', scheduledAt: at(4) })).json().visit;
    const mine = (await api('salarie').get('/api/v1/me/visits')).json().items;
    expect(mine.map((x: { id: string }) => x.id)).toContain(pre.id);
    expect(JSON.stringify(mine)).not.toContain('épaule');
    const emp = await api('employeur').get('/api/v1/employer/visits');
    expect(emp.statusCode).toBe(200);
    const kinds = emp.json().items.filter((x: { workerId: string }) => x.workerId === d.worker_id).map((x: { kind: string }) => x.kind);
    expect(kinds).toContain('reprise');
    expect(kinds).toContain('liaison');
    expect(kinds).not.toContain('pre_reprise');
    expect(emp.body).not.toContain('épaule');
    expect(emp.body).not.toContain('outcome');
    // Cell endpoints stay closed to the others.
    expect((await api('employeur').get(`/api/v1/dossiers/${d.id}/visits`)).statusCode).toBe(403);
    expect((await api('cpam').get(`/api/v1/dossiers/${d.id}/visits`)).statusCode).toBe(403);
    expect((await api('salarie').get('/api/v1/visits/agenda')).statusCode).toBe(403);
  });

  it('the agenda lists planned visits by professional', async () => {
    const all = await api('medecin').get(`/api/v1/visits/agenda?days=30`);
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as { professional: { id: string } | null; scheduledAt: string; workerName: string }[];
    expect(items.length).toBeGreaterThan(0);
    const mine = (await api('medecin').get(`/api/v1/visits/agenda?days=30&professionalUserId=${s.medecin.me.user.id}`)).json().items as typeof items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.professional?.id === s.medecin.me.user.id)).toBe(true);
    expect((await api('medecin').get(`/api/v1/visits/agenda?days=93`)).json().error.code).toBe('PERIODE_INVALIDE');
  });
});

describe('staff meetings', () => {
  /** An open dossier whose worker gave no consent at all to the CPAM. */
  async function dossierWithoutCpamConsent() {
    const cpamOrg = s.cpam.me.user.organisation.id;
    return db()
      .selectFrom('dossier as d')
      .select(['d.id', 'd.worker_id'])
      .where('d.state', 'in', ['a_evaluer', 'en_accompagnement'])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('consent as k').select('k.id').whereRef('k.worker_id', '=', 'd.worker_id').where('k.recipient_organisation_id', '=', cpamOrg))),
      )
      .orderBy('d.reference')
      .executeTakeFirstOrThrow();
  }

  it('a partner attends an instance partenariale and sees only the cases whose worker consents to his organisation, at the time of reading', async () => {
    const consented = await demoDossier();
    const other = await dossierWithoutCpamConsent();
    const created = await api('medecin').post('/api/v1/meetings', { kind: 'instance_partenariale', title: 'Instance PDP de décembre', scheduledAt: at(7, 14), place: 'Salle du conseil' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const dossierId of [consented.id, other.id]) expect((await api('medecin').post(`/api/v1/meetings/${id}/cases`, { dossierId })).json().added).toBe(true);
    expect((await api('medecin').post(`/api/v1/meetings/${id}/cases`, { dossierId: other.id })).json().added).toBe(false);

    // Before being invited, the partner does not see the meeting.
    expect((await api('cpam').get(`/api/v1/meetings/${id}`)).statusCode).toBe(404);
    expect((await api('cpam').get('/api/v1/meetings')).json().items.map((m: { id: string }) => m.id)).not.toContain(id);
    expect((await api('medecin').post(`/api/v1/meetings/${id}/attendees`, { userId: s.cpam.me.user.id })).statusCode).toBe(200);

    const cell = (await api('medecin').get(`/api/v1/meetings/${id}`)).json();
    expect(cell.cases).toHaveLength(2);
    const otherCase = cell.cases.find((c: { dossierId: string }) => c.dossierId === other.id);
    expect(otherCase.partnersWithoutConsent).toHaveLength(1);
    expect(cell.cases.find((c: { dossierId: string }) => c.dossierId === consented.id).partnersWithoutConsent).toHaveLength(0);

    await api('medecin').put(`/api/v1/meetings/${id}/cases/${consented.id}/minutes`, { minutes: 'Essai encadré envisagé ; la CPAM étudie la convention.' });
    await api('medecin').put(`/api/v1/meetings/${id}/cases/${other.id}/minutes`, { minutes: 'Situation présentée sans le partenaire.' });
    const partner = await api('cpam').get(`/api/v1/meetings/${id}`);
    expect(partner.statusCode).toBe(200);
    expect(partner.json().cases.map((c: { dossierId: string }) => c.dossierId)).toEqual([consented.id]);
    expect(partner.json().cases[0].minutes).toContain('Essai encadré');
    expect(partner.body).not.toContain('sans le partenaire');
    expect((await api('cpam').get('/api/v1/meetings')).json().items.find((m: { id: string }) => m.id === id).caseCount).toBeNull();
    // A partner reads, never writes.
    expect((await api('cpam').put(`/api/v1/meetings/${id}/cases/${consented.id}/minutes`, { minutes: 'x' })).statusCode).toBe(403);

    // The worker withdraws: the case disappears from the partner's view at once.
    const cpamOrg = s.cpam.me.user.organisation.id;
    const saved = await db().selectFrom('consent').select(['id']).where('worker_id', '=', consented.worker_id).where('recipient_organisation_id', '=', cpamOrg).where('withdrawn_at', 'is', null).execute();
    expect(saved.length).toBeGreaterThan(0);
    await db().updateTable('consent').set({ withdrawn_at: new Date() }).where('id', 'in', saved.map((r) => r.id)).execute();
    try {
      expect((await api('cpam').get(`/api/v1/meetings/${id}`)).json().cases).toEqual([]);
    } finally {
      await db().updateTable('consent').set({ withdrawn_at: null }).where('id', 'in', saved.map((r) => r.id)).execute();
    }
    // Others: not found / refused.
    expect((await api('employeur').get(`/api/v1/meetings/${id}`)).statusCode).toBe(404);
    expect((await api('employeur').get('/api/v1/meetings')).statusCode).toBe(403);
    expect((await api('assistant').post('/api/v1/meetings', { kind: 'staff_pluridisciplinaire', scheduledAt: at(3) })).statusCode).toBe(403);
  });

  it('a staff pluridisciplinaire stays internal; its minutes are sensitive; decisions with an owner become tasks', async () => {
    const d = await demoDossier();
    const id = (await api('charge-mission').post('/api/v1/meetings', { kind: 'staff_pluridisciplinaire', scheduledAt: at(5, 9) })).json().id;
    const partner = await api('charge-mission').post(`/api/v1/meetings/${id}/attendees`, { userId: s.cpam.me.user.id });
    expect(partner.statusCode).toBe(400);
    expect(partner.json().error.code).toBe('PARTENAIRE_HORS_INSTANCE_PARTENARIALE');
    expect((await api('charge-mission').post(`/api/v1/meetings/${id}/attendees`, { userId: s.social.me.user.id })).json().added).toBe(true);
    await api('charge-mission').post(`/api/v1/meetings/${id}/cases`, { dossierId: d.id });
    const minutes = await api('charge-mission').put(`/api/v1/meetings/${id}/cases/${d.id}/minutes`, { minutes: 'Épuisement évoqué ; orientation vers la psychologue.' });
    expect(minutes.statusCode, minutes.body).toBe(200);
    const entry = await db().selectFrom('timeline_entry').select(['category']).where('dossier_id', '=', d.id).where('kind', '=', 'meeting').where('title', 'like', 'Compte rendu%').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(entry.category).toBe('sensitive');

    const bad: [unknown, string][] = [
      [{ text: 'Contacter Cap emploi', ownerUserId: s.social.me.user.id }, 'ECHEANCE_REQUISE'],
      [{ text: 'Contacter Cap emploi', ownerUserId: s.social.me.user.id, dueDate: day(-1) }, 'ECHEANCE_PASSEE'],
      [{ text: 'ok' }, 'DECISION_VIDE'],
      [{ text: 'Contacter Cap emploi', ownerUserId: s.cpam.me.user.id, dueDate: day(5) }, 'RESPONSABLE_INCONNU'],
    ];
    for (const [payload, code] of bad) {
      const r = await api('charge-mission').post(`/api/v1/meetings/${id}/cases/${d.id}/decisions`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    const dec = await api('charge-mission').post(`/api/v1/meetings/${id}/cases/${d.id}/decisions`, { text: 'Adresser le salarié à Cap emploi', ownerUserId: s.social.me.user.id, dueDate: day(0) });
    expect(dec.statusCode, dec.body).toBe(201);
    const task = await db().selectFrom('task').selectAll().where('id', '=', dec.json().taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ owner_user_id: s.social.me.user.id, due_date: day(0), dossier_id: d.id, status: 'a_faire', kind: 'decision_instance' });
    const noTask = await api('charge-mission').post(`/api/v1/meetings/${id}/cases/${d.id}/decisions`, { text: 'Revoir la situation au prochain staff' });
    expect(noTask.json().taskId).toBeNull();
    const page = (await api('medecin').get(`/api/v1/meetings/${id}`)).json();
    expect(page.cases[0].decisions).toHaveLength(2);
    expect((await api('charge-mission').post(`/api/v1/meetings/${id}/status`, { status: 'tenue' })).json().status).toBe('tenue');
    expect((await api('charge-mission').post(`/api/v1/meetings/${id}/cases`, { dossierId: d.id })).json().error.code).toBe('INSTANCE_DEJA_CLOSE');
    const listed = (await api('medecin').get(`/api/v1/dossiers/${d.id}/meetings`)).json().items;
    expect(listed.map((m: { id: string }) => m.id)).toContain(id);
  });
});
