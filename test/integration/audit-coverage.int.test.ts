/**
 * Audit coverage (issue 12, item 2): every read of sensitive or medical data, and every read by a
 * partner outside the cell, leaves one audit event per request — the actor, the dossier or worker,
 * the action — and a search never stores its term (a NIR search says `search: 'nir'`, nothing more).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'charge-mission', 'assistant', 'cpam', 'service-medical'];

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + n * 86_400_000));

interface Event {
  seq: number;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  category: string | null;
  details: unknown;
}

/** The last sequence number of the chain, so that a test reads only the events of its own requests. */
async function mark(): Promise<number> {
  const r = await db().selectFrom('audit_event').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(r?.seq ?? 0);
}
async function since(seq: number): Promise<Event[]> {
  const rows = await db()
    .selectFrom('audit_event')
    .select(['seq', 'actor_user_id', 'action', 'subject_type', 'subject_id', 'category', 'details'])
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details }));
}
/** Calls `fn` and answers the audit events it left. */
async function eventsOf(fn: () => Promise<unknown>): Promise<Event[]> {
  const before = await mark();
  await fn();
  return since(before);
}

async function accompanied(n: number) {
  return db().selectFrom('dossier').select(['id', 'worker_id']).where('state', '=', 'en_accompagnement').orderBy('reference').offset(n).limit(1).executeTakeFirstOrThrow();
}

describe('reads listed by the attack report', () => {
  it('GET /dossiers/{id}/exit: the exit (outcome, note) is a sensitive read', async () => {
    const d = await accompanied(0);
    const note = 'Reclassement interne après restrictions médicales.';
    expect((await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit`, { outcome: 'poste_amenage', exitedAt: day(0), note })).statusCode).toBe(201);
    const events = await eventsOf(async () => expect((await api('medecin').get(`/api/v1/dossiers/${d.id}/exit`)).json().exit.note).toBe(note));
    expect(events).toEqual([expect.objectContaining({ action: 'exit.read', actor_user_id: s.medecin.me.user.id, subject_type: 'dossier', subject_id: d.id, category: 'sensitive' })]);
    expect(JSON.stringify(events)).not.toContain('Reclassement');
    // The list of workers lost to follow-up (names, contact, outcome): one event per request.
    const lost = await eventsOf(() => api('charge-mission').get('/api/v1/follow-ups/lost'));
    expect(lost).toEqual([expect.objectContaining({ action: 'exit.lost.list', actor_user_id: s['charge-mission'].me.user.id, category: 'sensitive' })]);
  });

  it('a NIR search is recorded as such, and the NIR appears nowhere in the audit log', async () => {
    const w = await db().selectFrom('worker').select(['id', 'nir', 'birth_name']).where('nir', 'is not', null).orderBy('birth_name').executeTakeFirstOrThrow();
    const nir = w.nir!;
    const spaced = `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`;
    const workers = await eventsOf(async () => {
      const found = (await api('charge-mission').get(`/api/v1/workers?q=${encodeURIComponent(nir)}`)).json();
      expect(found.items.map((i: { id: string }) => i.id)).toEqual([w.id]);
      await api('charge-mission').get(`/api/v1/workers?q=${encodeURIComponent(spaced)}`);
    });
    expect(workers).toEqual([
      expect.objectContaining({ action: 'worker.search', actor_user_id: s['charge-mission'].me.user.id, category: 'sensitive', details: expect.objectContaining({ search: 'nir', results: 1, workerIds: [w.id] }) }),
      expect.objectContaining({ action: 'worker.search', details: expect.objectContaining({ search: 'nir', results: 1 }) }),
    ]);
    // A mistyped NIR (bad key) finds nobody, and is still a NIR search.
    const bad = `${nir.slice(0, 13)}${nir.slice(13) === '00' ? '01' : '00'}`;
    const mistyped = await eventsOf(() => api('charge-mission').get(`/api/v1/workers?q=${bad}`));
    expect(mistyped).toEqual([expect.objectContaining({ action: 'worker.search', details: expect.objectContaining({ search: 'nir', results: 0 }) })]);

    const worklist = await eventsOf(() => api('medecin').get(`/api/v1/dossiers?scope=service&q=${encodeURIComponent(nir)}`));
    expect(worklist).toEqual([expect.objectContaining({ action: 'dossier.search', actor_user_id: s.medecin.me.user.id, category: 'sensitive', details: expect.objectContaining({ search: 'nir' }) })]);

    const all = JSON.stringify(await db().selectFrom('audit_event').selectAll().execute());
    for (const form of [nir, bad, spaced, nir.slice(0, 13)]) expect(all).not.toContain(form);
  });

  it('a name search is recorded by its kind, without the name', async () => {
    const w = await db().selectFrom('worker').select(['id', 'birth_name']).where('birth_name', 'like', 'L%').orderBy('birth_name').executeTakeFirstOrThrow();
    const term = w.birth_name.toUpperCase();
    const events = await eventsOf(async () => {
      await api('charge-mission').get(`/api/v1/workers?q=${encodeURIComponent(term)}`);
      await api('medecin').get(`/api/v1/dossiers?scope=service&q=${encodeURIComponent(term)}`);
      await api('medecin').get('/api/v1/dossiers?scope=service&q=PDP-');
    });
    expect(events.map((e) => [e.action, (e.details as { search: string }).search])).toEqual([
      ['worker.search', 'name'],
      ['dossier.search', 'name'],
      ['dossier.search', 'reference'],
    ]);
    expect((events[0].details as { workerIds: string[] }).workerIds).toContain(w.id);
    const all = JSON.stringify(await db().selectFrom('audit_event').selectAll().execute()).toLowerCase();
    expect(all).not.toContain(term.toLowerCase());
    // Browsing without a term is the everyday worklist: administrative, not audited.
    expect(await eventsOf(() => api('medecin').get('/api/v1/dossiers?scope=service'))).toEqual([]);
  });

  it('a partner reading a shared dossier through /dossiers/{id} and its signals leaves an event', async () => {
    const shared = (await api('cpam').get('/api/v1/partner/dossiers')).json().items[0].id as string;
    const events = await eventsOf(async () => {
      expect((await api('cpam').get(`/api/v1/dossiers/${shared}`)).statusCode).toBe(200);
      expect((await api('cpam').get(`/api/v1/dossiers/${shared}/signals`)).statusCode).toBe(200);
    });
    const org = s.cpam.me.user.organisation.id;
    expect(events).toEqual([
      expect.objectContaining({ action: 'partner.dossier.read', actor_user_id: s.cpam.me.user.id, subject_type: 'dossier', subject_id: shared, details: { organisationId: org, view: 'dossier' } }),
      expect.objectContaining({ action: 'partner.dossier.read', actor_user_id: s.cpam.me.user.id, subject_type: 'dossier', subject_id: shared, details: { organisationId: org, view: 'signals' } }),
    ]);
    // The partner's list of shared dossiers: one event, the count.
    const list = await eventsOf(() => api('cpam').get('/api/v1/partner/dossiers'));
    expect(list).toEqual([expect.objectContaining({ action: 'partner.dossier.list', actor_user_id: s.cpam.me.user.id, details: expect.objectContaining({ organisationId: org }) })]);
  });

  it("the médecin conseil's list of his fiches de liaison and the cell's answers: one event, the count", async () => {
    const events = await eventsOf(() => api('service-medical').get('/api/v1/partner/vpr-orientations'));
    expect(events).toEqual([
      expect.objectContaining({ action: 'vpr.list', actor_user_id: s['service-medical'].me.user.id, subject_type: 'vpr_orientation', subject_id: null, details: expect.objectContaining({ organisationId: s['service-medical'].me.user.organisation.id }) }),
    ]);
  });

  it('meetings of a dossier, the meetings list (cell and partner): one event per request', async () => {
    const d = await accompanied(1);
    const staff = (await api('charge-mission').post('/api/v1/meetings', { kind: 'staff_pluridisciplinaire', title: 'Staff — situation de M. X', scheduledAt: `${day(3)}T09:00:00+01:00` })).json().id as string;
    expect((await api('charge-mission').post(`/api/v1/meetings/${staff}/cases`, { dossierId: d.id })).json().added).toBe(true);
    const ofDossier = await eventsOf(() => api('medecin').get(`/api/v1/dossiers/${d.id}/meetings`));
    expect(ofDossier).toEqual([
      expect.objectContaining({ action: 'meeting.list', actor_user_id: s.medecin.me.user.id, subject_type: 'dossier', subject_id: d.id, category: 'sensitive', details: { meetingIds: [staff] } }),
    ]);
    const cell = await eventsOf(() => api('medecin').get('/api/v1/meetings'));
    expect(cell).toEqual([expect.objectContaining({ action: 'meeting.list', actor_user_id: s.medecin.me.user.id, subject_type: 'meeting', subject_id: null, category: 'sensitive' })]);
    expect((cell[0].details as { count: number }).count).toBeGreaterThanOrEqual(1);
    const partner = await eventsOf(() => api('cpam').get('/api/v1/meetings'));
    expect(partner).toEqual([expect.objectContaining({ action: 'meeting.list', actor_user_id: s.cpam.me.user.id, category: 'administrative' })]);
    // Reading a staff whose cases have no minutes yet: its title, cases and decisions are sensitive.
    const one = await eventsOf(() => api('medecin').get(`/api/v1/meetings/${staff}`));
    expect(one).toEqual([expect.objectContaining({ action: 'meeting.read', actor_user_id: s.medecin.me.user.id, subject_type: 'meeting', subject_id: staff, category: 'sensitive', details: { cases: [d.id] } })]);
    expect(JSON.stringify([...ofDossier, ...cell, ...partner, ...one])).not.toContain('M. X');
  });

  it('tasks of a dossier and the task lists: one event per request, ids not titles', async () => {
    const d = await accompanied(2);
    const title = 'Rappeler le salarié au sujet de son traitement';
    const created = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/tasks`, { title, dueDate: day(5), ownerId: null });
    expect(created.statusCode, created.body).toBe(201);
    const events = await eventsOf(async () => {
      await api('assistant').get(`/api/v1/dossiers/${d.id}/tasks`);
      await api('charge-mission').get('/api/v1/tasks?scope=team');
    });
    expect(events).toEqual([
      expect.objectContaining({ action: 'task.list', actor_user_id: s.assistant.me.user.id, subject_type: 'dossier', subject_id: d.id, category: 'sensitive' }),
      expect.objectContaining({ action: 'task.list', actor_user_id: s['charge-mission'].me.user.id, subject_type: 'task', subject_id: null, category: 'sensitive' }),
    ]);
    expect((events[0].details as { taskIds: string[] }).taskIds.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(events)).not.toContain('traitement');
  });
});
