/**
 * Issue 12, item 1: a text copied from one record into a timeline entry or a task title keeps the
 * audience of its source. For each source — the motif of a declined orientation suggestion, a
 * staff pluridisciplinaire's title and decision, a task's title, the reason of a dossier's change
 * of state — a consenting partner, the assistant, the administrator and a `dossiers:read` API token
 * do not read the copied text anywhere it was copied to, while the professionals who read the
 * source still do.
 */
import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'social', 'assistant', 'admin', 'cpam', 'salarie'];
const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
let tenantId = '';
let workerId = '';
let dossierId = '';
let token = '';

/** Civil date in Paris, `n` days from today. */
const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + n * 86_400_000));

async function consentTo(worker: string, kind: string) {
  const org = (await db().selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', kind).executeTakeFirstOrThrow()).id;
  await db().insertInto('consent').values({ tenant_id: tenantId, worker_id: worker, purpose: 'partage_dossier', recipient_organisation_id: org, recorded_by: null }).execute();
}

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
  tenantId = (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  // A dossier being accompanied, of a worker other than the demo worker, who consents to the CPAM.
  const d = await db()
    .selectFrom('dossier')
    .select(['id', 'worker_id'])
    .where('tenant_id', '=', tenantId)
    .where('state', '=', 'en_accompagnement')
    .where('worker_id', '!=', s.salarie.me.user.workerId!)
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  dossierId = d.id;
  workerId = d.worker_id;
  await consentTo(workerId, 'cpam');
  const created = await api('admin').post('/api/v1/api-tokens', { name: 'Lecture administrative', scopes: ['dossiers:read'] });
  expect(created.statusCode, created.body).toBe(201);
  token = created.json().token;
});
afterAll(() => t?.close());

/** Everything each reader is answered about the dossier: its pages, its tasks, the lists where tasks show. */
async function seenBy(who: string, id = dossierId): Promise<string> {
  const parts: string[] = [];
  const add = (r: { statusCode: number; body: string }) => {
    if (r.statusCode === 200) parts.push(r.body);
  };
  if (who === 'token') {
    add(await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${token}` } }));
    add(await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/tasks`, headers: { authorization: `Bearer ${token}` } }));
    add(await t.app.inject({ method: 'GET', url: '/api/v1/tasks?scope=team&status=tous&pageSize=100', headers: { authorization: `Bearer ${token}` } }));
    return parts.join('\n');
  }
  add(await api(who).get(`/api/v1/dossiers/${id}`));
  add(await api(who).get(`/api/v1/dossiers/${id}/tasks`));
  add(await api(who).get('/api/v1/tasks?scope=team&status=tous&pageSize=100'));
  add(await api(who).get('/api/v1/tasks?scope=mine&status=tous&pageSize=100'));
  if (who === 'cpam') add(await api(who).get(`/api/v1/partner/dossiers/${id}`));
  return parts.join('\n');
}

const OUTSIDERS = ['cpam', 'assistant', 'admin', 'token'] as const;

describe('the motif of a declined orientation suggestion (sensitive: the risk block of the cell)', () => {
  const MOTIF = 'Syndrome dépressif sévère, suivi psychiatrique en cours';

  it('stays with the cell: the administrative entry says only that a suggestion was declined', async () => {
    const signed = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { dossierId, finalLevel: 3, inaptitudeRiskLevel: 3, rationale: 'Test du cloisonnement.' });
    expect(signed.statusCode, signed.body).toBe(201);
    const risk = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/risk`)).json();
    const chef = risk.suggestions.find((x: { kind: string }) => x.kind === 'chef_de_file');
    const declined = await api('medecin').post(`/api/v1/dossiers/${dossierId}/orientation/decisions`, { kind: 'chef_de_file', value: chef.value, decision: 'refusee', reason: MOTIF });
    expect(declined.statusCode, declined.body).toBe(200);

    for (const who of OUTSIDERS) expect(await seenBy(who), who).not.toContain(MOTIF);
    // The neutral fact is still told to the administrative readers.
    const page = (await api('assistant').get(`/api/v1/dossiers/${dossierId}`)).json();
    const neutral = page.timeline.find((e: { kind: string }) => e.kind === 'orientation');
    expect(neutral).toMatchObject({ category: 'administrative', title: 'Suggestion d’orientation refusée' });
    expect(neutral.body).not.toContain(chef.value);

    for (const who of ['medecin', 'infirmier']) {
      const timeline = (await api(who).get(`/api/v1/dossiers/${dossierId}`)).json().timeline as { kind: string; category: string; body: string }[];
      expect(timeline.find((e) => e.kind === 'orientation' && e.body.includes(MOTIF))?.category, who).toBe('sensitive');
      expect((await api(who).get(`/api/v1/dossiers/${dossierId}/risk`)).body, who).toContain(MOTIF);
    }
  });
});

describe('a staff pluridisciplinaire: its title and decisions (sensitive: the cell only)', () => {
  const TITLE = 'Staff Dupont — rechute dépressive';
  const DECISION = 'Orienter vers le psychiatre traitant avant toute reprise, risque suicidaire évoqué';

  it('the agenda entry, the decision entry and the decision task hold neither', async () => {
    const m = await api('medecin').post('/api/v1/meetings', { kind: 'staff_pluridisciplinaire', title: TITLE, scheduledAt: `${day(2)}T10:00:00+01:00` });
    expect(m.statusCode, m.body).toBe(201);
    const meetingId = m.json().id;
    expect((await api('medecin').post(`/api/v1/meetings/${meetingId}/cases`, { dossierId })).statusCode).toBe(200);
    const dec = await api('medecin').post(`/api/v1/meetings/${meetingId}/cases/${dossierId}/decisions`, { text: DECISION, ownerUserId: s.infirmier.me.user.id, dueDate: day(10) });
    expect(dec.statusCode, dec.body).toBe(201);
    const taskId = dec.json().taskId;
    expect(taskId).toBeTruthy();

    for (const who of OUTSIDERS) {
      const seen = await seenBy(who);
      expect(seen, who).not.toContain(TITLE);
      expect(seen, who).not.toContain(DECISION);
    }
    // The assistant still sees the task, in neutral words; the infirmier owns it.
    const assistantTasks = (await api('assistant').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items as { id: string; title: string }[];
    expect(assistantTasks.find((x) => x.id === taskId)?.title).toMatch(/^Mettre en œuvre la décision du staff pluridisciplinaire du /);
    expect((await api('infirmier').get('/api/v1/tasks?scope=mine&pageSize=100')).json().items.some((x: { id: string }) => x.id === taskId)).toBe(true);

    for (const who of ['medecin', 'infirmier']) {
      const timeline = (await api(who).get(`/api/v1/dossiers/${dossierId}`)).json().timeline as { kind: string; category: string; title: string | null; body: string }[];
      expect(timeline.find((e) => e.kind === 'meeting' && e.body.includes(DECISION))?.category, who).toBe('sensitive');
      const meeting = await api(who).get(`/api/v1/meetings/${meetingId}`);
      expect(meeting.body, who).toContain(DECISION);
      expect(meeting.body, who).toContain(TITLE);
    }
  });

  it('an instance partenariale, whose decisions are administrative by design, keeps its words in the entry and the task', async () => {
    const m = await api('medecin').post('/api/v1/meetings', { kind: 'instance_partenariale', title: 'Instance partenariale de mars', scheduledAt: `${day(3)}T10:00:00+01:00` });
    const meetingId = m.json().id;
    await api('medecin').post(`/api/v1/meetings/${meetingId}/cases`, { dossierId });
    const text = 'Proposer une étude de poste avec Cap emploi';
    const dec = await api('medecin').post(`/api/v1/meetings/${meetingId}/cases/${dossierId}/decisions`, { text, ownerUserId: s.social.me.user.id, dueDate: day(10) });
    expect(dec.statusCode, dec.body).toBe(201);
    const entries = (await api('cpam').get(`/api/v1/partner/dossiers/${dossierId}`)).json().timeline as { title: string; body: string; category: string }[];
    expect(entries.find((e) => e.body.startsWith(text))).toMatchObject({ category: 'administrative', title: 'Décision — Instance partenariale de mars' });
    const tasks = (await api('assistant').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items as { id: string; title: string }[];
    expect(tasks.find((x) => x.id === dec.json().taskId)?.title).toBe(text);
  });
});

describe("a task's title (the cell's task lists only)", () => {
  const TITLE = 'Appeler le Dr Martin au sujet du traitement antidépresseur';

  it('is copied into no timeline entry when the task is added, done or cancelled', async () => {
    const created = await api('medecin').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: TITLE, dueDate: day(5), ownerId: null });
    expect(created.statusCode, created.body).toBe(201);
    const task = created.json().items.find((x: { title: string }) => x.title === TITLE);
    expect((await api('medecin').post(`/api/v1/tasks/${task.id}/done`)).statusCode).toBe(200);
    const other = (await api('medecin').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: `${TITLE} (bis)`, dueDate: null, ownerId: null })).json().items.find((x: { title: string }) => x.title === `${TITLE} (bis)`);
    expect((await api('medecin').post(`/api/v1/tasks/${other.id}/cancel`)).statusCode).toBe(200);

    for (const who of ['cpam', 'admin', 'token'] as const) expect(await seenBy(who), who).not.toContain(TITLE);
    for (const who of ['assistant', 'medecin']) {
      const page = (await api(who).get(`/api/v1/dossiers/${dossierId}`)).json();
      expect(JSON.stringify(page.timeline), who).not.toContain(TITLE);
      expect(page.timeline.some((e: { title: string }) => e.title === 'Tâche ajoutée'), who).toBe(true);
      // The title stays in the task lists, read by the cell (the assistant included).
      const done = (await api(who).get('/api/v1/tasks?scope=team&status=tous&pageSize=100')).body;
      expect(done, who).toContain(TITLE);
    }
  });
});

describe("the reason of a dossier's change of state (the state history: the service only)", () => {
  const REASON = 'Hospitalisation en service de psychiatrie, reprise non envisageable';

  it('is not copied into the timeline entry a consenting partner reads', async () => {
    const other = await db()
      .selectFrom('dossier')
      .select(['id', 'worker_id'])
      .where('tenant_id', '=', tenantId)
      .where('state', '=', 'a_evaluer')
      .where('worker_id', '!=', s.salarie.me.user.workerId!)
      .orderBy('reference')
      .executeTakeFirstOrThrow();
    await consentTo(other.worker_id, 'cpam');
    const moved = await api('medecin').post(`/api/v1/dossiers/${other.id}/transitions`, { to: 'non_retenu', reason: REASON });
    expect(moved.statusCode, moved.body).toBe(200);
    const partner = await seenBy('cpam', other.id);
    expect(partner).toContain('Non retenu');
    expect(partner).not.toContain(REASON);
    // The history of states keeps it for the service.
    const page = (await api('medecin').get(`/api/v1/dossiers/${other.id}`)).json();
    expect(page.transitions.some((x: { reason: string | null }) => x.reason === REASON)).toBe(true);
    expect(JSON.stringify(page.timeline)).not.toContain(REASON);
  });
});

describe('the motif of a measure shared with the worker (the plan: the cell, never the carnet)', () => {
  const REASON = 'Décompensation anxieuse, le médecin traitant s’y oppose';

  it("the worker's carnet tells the new status without the motif; the cell reads it in a sensitive entry", async () => {
    const own = (await db().selectFrom('dossier').select('id').where('worker_id', '=', s.salarie.me.user.workerId!).orderBy('opened_at', 'desc').executeTakeFirstOrThrow()).id;
    const m = await api('medecin').post(`/api/v1/dossiers/${own}/measures`, { code: 'bilanCompetences', startDate: day(0), sharedWithWorker: true });
    expect(m.statusCode, m.body).toBe(201);
    const ab = await api('medecin').post(`/api/v1/measures/${m.json().id}/transition`, { to: 'abandonnee', reason: REASON });
    expect(ab.statusCode, ab.body).toBe(200);
    const carnet = await api('salarie').get('/api/v1/me/carnet');
    expect(carnet.statusCode).toBe(200);
    expect(carnet.body).toContain('Mesure abandonnée');
    expect(carnet.body).not.toContain(REASON);
    const timeline = (await api('medecin').get(`/api/v1/dossiers/${own}`)).json().timeline as { body: string; category: string; sharedWithWorker: boolean }[];
    expect(timeline.find((e) => e.body.includes(REASON))).toMatchObject({ category: 'sensitive', sharedWithWorker: false });
  });
});

describe('rows written before the fix', () => {
  it('migration 0021 reclassifies or rewrites them; applying it again changes nothing', async () => {
    const secret = 'Motif ancien : trouble bipolaire';
    const ins = async (kind: string, title: string, body: string) =>
      (
        await db()
          .insertInto('timeline_entry')
          .values({ tenant_id: tenantId, dossier_id: dossierId, kind, category: 'administrative', title, body, author_name: 'Ancien' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const orientation = await ins('orientation', 'Suggestion d’orientation refusée', `Service social de l'Assurance maladie — motif : ${secret}`);
    const accepted = await ins('orientation', 'Suggestion d’orientation acceptée', 'T4 — fragilité majeure');
    const taskDone = await ins('task', 'Tâche faite', secret);
    const taskAdded = await ins('task', 'Tâche ajoutée', `${secret} (échéance le 01/01/2027)`);
    const transition = await ins('transition', 'À évaluer → Non retenu', `Motif : ${secret}`);
    const migration = readFileSync(new URL('../../src/db/migrations/20261207_0021_copied_text_category.sql', import.meta.url), 'utf8');
    for (let i = 0; i < 2; i++) await t.database.withSession(async (exec) => void (await exec(`begin;\n${migration}\n;commit;`)));
    const rows = await db().selectFrom('timeline_entry').select(['id', 'category', 'title', 'body']).where('id', 'in', [orientation, accepted, taskDone, taskAdded, transition]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(orientation)).toMatchObject({ category: 'sensitive' });
    expect(byId.get(accepted)).toMatchObject({ category: 'sensitive' });
    for (const id of [taskDone, taskAdded, transition]) {
      expect(byId.get(id)!.category).toBe('administrative');
      expect(byId.get(id)!.body).not.toContain(secret);
    }
    // One neutral administrative entry per reclassified orientation entry, written once.
    const neutral = await db().selectFrom('timeline_entry').select(sql<number>`count(*)::int`.as('n')).where('dossier_id', '=', dossierId).where('kind', '=', 'orientation').where('category', '=', 'administrative').where('author_name', '=', 'Ancien').executeTakeFirstOrThrow();
    expect(neutral.n).toBe(2);
    expect(await seenBy('cpam')).not.toContain(secret);
  });
});
