/**
 * The dossier PDP through the API: worklist, opening, state machine, notes by category, and
 * who sees what (absent, not hidden), with the audit trail of every sensitive read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const local of ['medecin', 'infirmier', 'social', 'ergonome', 'assistant', 'admin', 'charge-mission', 'cpam', 'carsat', 'employeur', 'salarie']) {
    s[local] = await login(t.app, demoEmail(local));
  }
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);

async function openCaseFor(who: string) {
  // A worker of the demo service without any open dossier.
  const workers = (await api(who).get('/api/v1/workers?q=&pageSize=100')).json();
  const free = workers.items.find((w: { openDossier: unknown }) => w.openDossier === null);
  const res = await api(who).post('/api/v1/dossiers', { workerId: free.id, origin: 'equipe', summary: 'Difficultés au poste signalées par l’équipe.', nextDueDate: '2026-12-15' });
  expect(res.statusCode).toBe(201);
  return { ...res.json(), workerId: free.id };
}

describe('worklist', () => {
  it('« Mes dossiers » lists only dossiers assigned to me, with counts per state', async () => {
    const body = (await api('medecin').get('/api/v1/dossiers?scope=mine&pageSize=100')).json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.assignees.map((a: { id: string }) => a.id)).toContain(s.medecin.me.user.id);
    const sum = Object.values(body.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(body.total).toBe(sum);
  });

  it('filters by state and overdue, sorts by due date, paginates', async () => {
    const open = (await api('medecin').get('/api/v1/dossiers?scope=service&state=a_evaluer,en_accompagnement&sort=due&order=asc&pageSize=10')).json();
    expect(open.items.every((i: { state: string }) => ['a_evaluer', 'en_accompagnement'].includes(i.state))).toBe(true);
    expect(open.total).toBe(open.counts.a_evaluer + open.counts.en_accompagnement);
    const dues = open.items.map((i: { nextDueDate: string | null }) => i.nextDueDate).filter(Boolean);
    expect([...dues].sort()).toEqual(dues);
    const page2 = (await api('medecin').get('/api/v1/dossiers?scope=service&state=a_evaluer,en_accompagnement&sort=due&order=asc&pageSize=10&page=2')).json();
    const ids1 = new Set(open.items.map((i: { id: string }) => i.id));
    expect(page2.items.some((i: { id: string }) => ids1.has(i.id))).toBe(false);

    const late = (await api('medecin').get('/api/v1/dossiers?scope=service&overdue=true&pageSize=100')).json();
    expect(late.total).toBeGreaterThan(0);
    expect(late.total).toBe(late.overdueCount);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    for (const i of late.items) {
      expect(i.overdue).toBe(true);
      expect(i.nextDueDate < today).toBe(true);
    }
  });

  it('filters by assignee and by name', async () => {
    const me = s['charge-mission'].me.user.id;
    const body = (await api('medecin').get(`/api/v1/dossiers?scope=service&assignee=${me}&pageSize=100`)).json();
    expect(body.total).toBeGreaterThan(0);
    for (const i of body.items) expect(i.assignees.map((a: { id: string }) => a.id)).toContain(me);
    const name = body.items[0].worker.displayName.split(' ')[0];
    const byName = (await api('medecin').get(`/api/v1/dossiers?scope=service&q=${encodeURIComponent(name.toLowerCase())}`)).json();
    expect(byName.items.some((i: { id: string }) => i.id === body.items[0].id)).toBe(true);
  });

  it('is refused to employers, workers and partners', async () => {
    for (const who of ['employeur', 'salarie', 'cpam']) {
      expect((await api(who).get('/api/v1/dossiers?scope=service')).statusCode).toBe(403);
    }
  });

  it('refuses an unknown state with a French message', async () => {
    const res = await api('medecin').get('/api/v1/dossiers?state=ouvert');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ETAT_INCONNU', field: 'state' });
  });
});

describe('opening and state machine', () => {
  it('opens a dossier « Signalé », refuses a second open dossier for the same worker', async () => {
    const { id, reference, workerId } = await openCaseFor('charge-mission');
    expect(reference).toMatch(/^PDP-\d{4}-\d{5}$/);
    const page = (await api('charge-mission').get(`/api/v1/dossiers/${id}`)).json();
    expect(page.state).toBe('signale');
    expect(page.assignees.map((a: { id: string }) => a.id)).toEqual([s['charge-mission'].me.user.id]);
    expect(page.transitions).toHaveLength(1);
    const again = await api('medecin').post('/api/v1/dossiers', { workerId, origin: 'salarie', summary: 'Nouvelle demande' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DOSSIER_DEJA_OUVERT', details: { dossierId: id } });
  });

  it('follows legal transitions and records each one; refuses illegal ones in French', async () => {
    const { id } = await openCaseFor('medecin');
    const m = api('medecin');
    const bad = await m.post(`/api/v1/dossiers/${id}/transitions`, { to: 'clos' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('TRANSITION_INTERDITE');
    expect(bad.json().error.message).toContain('« Signalé »');
    for (const to of ['a_evaluer', 'en_accompagnement', 'sorti', 'suivi', 'clos']) {
      const r = await m.post(`/api/v1/dossiers/${id}/transitions`, { to });
      expect(r.statusCode, to).toBe(200);
      expect(r.json().state).toBe(to);
    }
    const page = (await m.get(`/api/v1/dossiers/${id}`)).json();
    // « Mes dossiers » follows the state (the assignment rows carry a copy kept by triggers).
    const mineClosed = (await m.get('/api/v1/dossiers?scope=mine&state=clos&pageSize=100&sort=updated&order=desc')).json();
    expect(mineClosed.items.map((i: { id: string }) => i.id)).toContain(id);
    const mineOpen = (await m.get('/api/v1/dossiers?scope=mine&state=signale,a_evaluer,en_accompagnement,sorti,suivi&pageSize=100')).json();
    expect(mineOpen.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(page.transitions.map((x: { to: string }) => x.to)).toEqual(['clos', 'suivi', 'sorti', 'en_accompagnement', 'a_evaluer', 'signale']);
    expect(page.closedAt).not.toBeNull();
    expect(page.allowedTransitions).toEqual([]);
    expect((await m.post(`/api/v1/dossiers/${id}/transitions`, { to: 'a_evaluer' })).json().error.code).toBe('TRANSITION_INTERDITE');
  });

  it('requires a reason to set a dossier aside', async () => {
    const { id } = await openCaseFor('medecin');
    const r = await api('medecin').post(`/api/v1/dossiers/${id}/transitions`, { to: 'non_retenu', reason: ' ' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'MOTIF_REQUIS', field: 'reason' });
    const ok = await api('medecin').post(`/api/v1/dossiers/${id}/transitions`, { to: 'non_retenu', reason: 'Situation stabilisée, reprise sans restriction.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().transitions[0].reason).toBe('Situation stabilisée, reprise sans restriction.');
  });

  it('the assistant opens and assigns dossiers but cannot change their state', async () => {
    const { id } = await openCaseFor('assistant');
    const page = (await api('assistant').get(`/api/v1/dossiers/${id}`)).json();
    expect(page.allowedTransitions).toEqual([]);
    const r = await api('assistant').post(`/api/v1/dossiers/${id}/transitions`, { to: 'a_evaluer' });
    expect(r.statusCode).toBe(403);
    const users = (await api('assistant').get('/api/v1/users')).json();
    const medecin = users.items.find((u: { role: string }) => u.role === 'medecin_travail');
    const assigned = await api('assistant').put(`/api/v1/dossiers/${id}/assignees`, { userIds: [medecin.id], referentId: medecin.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().assignees).toEqual([expect.objectContaining({ id: medecin.id, isReferent: true })]);
    const bad = await api('assistant').put(`/api/v1/dossiers/${id}/assignees`, { userIds: [s.cpam.me.user.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INTERVENANT_INCONNU');
  });
});

describe('notes and who sees them', () => {
  let dossierId: string;
  let employerDossierId: string;
  const SECRET = 'Note médicale de test : syndrome anxio-dépressif, traitement en cours.';

  beforeAll(async () => {
    // A dossier of a worker of the demo employer, with a current consent to the CPAM? Use the
    // salarié's own dossier: the demo guarantees it has a consent to partners and an employer.
    const carnet = (await api('salarie').get('/api/v1/me/carnet')).json();
    dossierId = carnet.dossiers.find((d: { state: string }) => d.state === 'en_accompagnement').id;
    // A dossier of a worker of the demo employer's company.
    const space = (await api('employeur').get('/api/v1/employer/space')).json();
    for (const w of space.workers) {
      const page = (await api('medecin').get(`/api/v1/workers/${w.id}`)).json();
      const open = page.dossiers.find((d: { state: string }) => ['a_evaluer', 'en_accompagnement', 'suivi'].includes(d.state));
      if (open) {
        employerDossierId = open.id;
        break;
      }
    }
    expect(employerDossierId).toBeDefined();
    await api('medecin').post(`/api/v1/dossiers/${employerDossierId}/entries`, { category: 'medical', body: SECRET });
  });

  it('the médecin writes a medical note; the assistant cannot', async () => {
    const r = await api('medecin').post(`/api/v1/dossiers/${dossierId}/entries`, { category: 'medical', title: 'Consultation', body: SECRET });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ category: 'medical', categoryLabel: 'Médical', body: SECRET });
    const a = await api('assistant').post(`/api/v1/dossiers/${dossierId}/entries`, { category: 'medical', body: 'x' });
    expect(a.statusCode).toBe(403);
    expect(a.json().error.code).toBe('CATEGORIE_NON_AUTORISEE');
    const soc = await api('social').post(`/api/v1/dossiers/${dossierId}/entries`, { category: 'medical', body: 'x' });
    expect(soc.statusCode).toBe(403);
  });

  it('health professionals see the note; other professionals do not, and nothing hints at it', async () => {
    for (const who of ['medecin', 'infirmier']) {
      expect((await api(who).get(`/api/v1/dossiers/${dossierId}`)).body).toContain(SECRET);
    }
    for (const who of ['social', 'assistant', 'charge-mission', 'admin']) {
      const res = await api(who).get(`/api/v1/dossiers/${dossierId}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.body, who).not.toContain(SECRET);
      expect(res.json().timeline.some((e: { category: string }) => e.category === 'medical'), who).toBe(false);
      expect(res.json().writableCategories.map((c: { code: string }) => c.code), who).not.toContain('medical');
    }
  });

  it('the NIR is given only to readers of sensitive data', async () => {
    expect((await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json().worker.nir).toMatch(/^[12]\d{14}$|^[12]\d{4}2[AB]\d{8}$/);
    const asst = (await api('assistant').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(asst.worker).not.toHaveProperty('nir');
    expect(asst.worker.nirMasked).toContain('•');
  });

  it('the employer reaches neither the dossier nor the note, through any route', async () => {
    const e = api('employeur');
    expect((await e.get(`/api/v1/dossiers/${employerDossierId}`)).statusCode).toBe(404);
    const space = await e.get('/api/v1/employer/space');
    expect(space.statusCode).toBe(200);
    expect(space.body).not.toContain(SECRET);
    for (const r of space.json().recommendations) expect(r).not.toHaveProperty('category');
    expect((await e.get(`/api/v1/workers`)).statusCode).toBe(403);
    expect((await e.post(`/api/v1/dossiers/${employerDossierId}/entries`, { category: 'employer_visible', body: 'x' })).statusCode).toBe(404);
  });

  it('the employer sees recommendations marked visible to the employer, for his own workers only', async () => {
    const note = 'Recommandation : alternance des tâches et poste assis-debout.';
    expect((await api('ergonome').post(`/api/v1/dossiers/${employerDossierId}/entries`, { category: 'employer_visible', body: note })).statusCode).toBe(201);
    const space = (await api('employeur').get('/api/v1/employer/space')).json();
    expect(space.recommendations.map((r: { body: string }) => r.body)).toContain(note);
    // A recommendation about a worker of another company does not reach him.
    const other = 'Recommandation destinée à une autre entreprise.';
    const all = (await api('medecin').get('/api/v1/dossiers?scope=service&state=en_accompagnement&pageSize=100')).json();
    const foreign = all.items.find((i: { company: { name: string } | null }) => i.company && i.company.name !== space.company.name);
    await api('ergonome').post(`/api/v1/dossiers/${foreign.id}/entries`, { category: 'employer_visible', body: other });
    expect((await api('employeur').get('/api/v1/employer/space')).body).not.toContain(other);
  });

  it('the worker sees only entries shared with him', async () => {
    const shared = 'Rendez-vous de liaison fixé le 3 décembre.';
    expect((await api('charge-mission').post(`/api/v1/dossiers/${dossierId}/entries`, { category: 'administrative', body: shared, sharedWithWorker: true })).statusCode).toBe(201);
    const carnet = await api('salarie').get('/api/v1/me/carnet');
    expect(carnet.body).toContain(shared);
    expect(carnet.body).not.toContain(SECRET);
  });

  it('a partner sees a dossier only with a current consent naming its organisation', async () => {
    const cpam = (await api('cpam').get('/api/v1/partner/dossiers')).json();
    expect(cpam.items.length).toBeGreaterThan(0);
    const shared = cpam.items[0].id;
    const page = await api('cpam').get(`/api/v1/dossiers/${shared}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().timeline.every((e: { category: string }) => ['administrative', 'employer_visible'].includes(e.category))).toBe(true);
    expect(page.json().worker).not.toHaveProperty('nir');
    // A dossier of the service not shared with the CPAM is not found.
    const all = (await api('medecin').get('/api/v1/dossiers?scope=service&pageSize=100')).json();
    const sharedIds = new Set(cpam.items.map((i: { id: string }) => i.id));
    const notShared = all.items.find((i: { id: string }) => !sharedIds.has(i.id));
    expect((await api('cpam').get(`/api/v1/dossiers/${notShared.id}`)).statusCode).toBe(404);
    // Withdrawal takes effect on the next request.
    const d = await t.database.db.selectFrom('dossier').select('worker_id').where('id', '=', shared).executeTakeFirstOrThrow();
    await t.database.db.updateTable('consent').set({ withdrawn_at: new Date() }).where('worker_id', '=', d.worker_id).where('recipient_organisation_id', '=', s.cpam.me.user.organisation.id).execute();
    expect((await api('cpam').get(`/api/v1/dossiers/${shared}`)).statusCode).toBe(404);
  });
});

describe('audit', () => {
  it('records every read of medical data with who and what', async () => {
    const list = (await api('infirmier').get('/api/v1/dossiers?scope=service&state=en_accompagnement&pageSize=1')).json();
    const id = list.items[0].id;
    await api('medecin').post(`/api/v1/dossiers/${id}/entries`, { category: 'medical', body: 'Examen clinique.' });
    const before = await t.database.db.selectFrom('audit_event').select('seq').where('subject_id', '=', id).where('action', '=', 'dossier.read').execute();
    await api('infirmier').get(`/api/v1/dossiers/${id}`);
    const after = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'category', 'details'])
      .where('subject_id', '=', id)
      .where('action', '=', 'dossier.read')
      .orderBy('seq', 'desc')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toMatchObject({ actor_user_id: s.infirmier.me.user.id, category: 'medical' });
    // An administrative-only read is not a health-data read.
    const n = after.length;
    await api('assistant').get(`/api/v1/dossiers/${id}`);
    const again = await t.database.db.selectFrom('audit_event').select('seq').where('subject_id', '=', id).where('action', '=', 'dossier.read').execute();
    expect(again.length).toBe(n);
  });

  it('records every write', async () => {
    const { id } = await openCaseFor('medecin');
    await api('medecin').post(`/api/v1/dossiers/${id}/transitions`, { to: 'a_evaluer' });
    await api('medecin').post(`/api/v1/dossiers/${id}/entries`, { category: 'sensitive', body: 'Situation sociale fragile.' });
    const actions = (await t.database.db.selectFrom('audit_event').select('action').where('subject_id', '=', id).where('action', '!=', 'dossier.read').orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['dossier.open', 'dossier.transition', 'dossier.entry.add']);
  });

  it('the chain verifies, then detects an altered and a deleted event', async () => {
    const admin = api('admin');
    const ok = (await admin.post('/api/v1/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, problems: [] });
    expect(ok.checked).toBeGreaterThan(5);
    // Tampering needs the owner role and disabling the trigger: exactly what verification is for.
    const db = t.database.db;
    const { sql } = await import('kysely');
    await sql`alter table audit_event disable trigger audit_event_no_update`.execute(db);
    await sql`update audit_event set actor_label = 'Falsifié' where seq = 3`.execute(db);
    const altered = (await admin.post('/api/v1/audit/verify')).json();
    expect(altered.ok).toBe(false);
    expect(altered.problems).toContainEqual(expect.objectContaining({ seq: 3, code: 'HASH_ALTERE' }));
    await sql`delete from audit_event where seq = 5`.execute(db);
    const deleted = (await admin.post('/api/v1/audit/verify')).json();
    expect(deleted.problems.map((p: { code: string }) => p.code)).toContain('MAILLON_MANQUANT');
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(db);
    const search = (await admin.get('/api/v1/audit?action=dossier.open&limit=5')).json();
    expect(search.items.length).toBeGreaterThan(0);
    expect((await api('medecin').post('/api/v1/audit/verify')).statusCode).toBe(403);
  });
});
