/**
 * Exit and follow-up, inaptitude records and the ex-post review list (docs/parcours-visits.md)
 * through the HTTP API on a real database: the dossier state machine, the +6/+12-month tasks
 * (idempotent), follow-up windows at their boundaries, the lost-to-follow-up list, and the review
 * of dismissals where the index was high and the cell never seized.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/parcours/exit';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { ensureFollowUpTasks } from '../../src/services/parcours/exit/exit-recorder';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'charge-mission', 'assistant', 'cpam', 'employeur'];

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + n * 86_400_000));
const tenantId = async () => (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;

let pool: string[] = [];
/** The next dossier « En accompagnement » not used yet by a test. */
async function nextAccompanied(): Promise<{ id: string; worker_id: string }> {
  if (pool.length === 0) pool = (await db().selectFrom('dossier').select('id').where('state', '=', 'en_accompagnement').orderBy('reference').execute()).map((r) => r.id);
  const id = pool.shift()!;
  return db().selectFrom('dossier').select(['id', 'worker_id']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('exit and follow-up', () => {
  it('records the exit through the state machine and creates the +6 and +12 month tasks once', async () => {
    const d = await nextAccompanied();
    const res = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit`, { outcome: 'poste_amenage', exitedAt: day(0), note: 'Aménagement validé avec l’employeur.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().followUpTasksCreated).toBe(2);
    expect((await db().selectFrom('dossier').select('state').where('id', '=', d.id).executeTakeFirstOrThrow()).state).toBe('sorti');
    const tasks = await db().selectFrom('task').select(['rule_id', 'due_date', 'status']).where('subject_ref', '=', `dossier:${d.id}`).orderBy('rule_id').execute();
    expect(tasks).toEqual([
      { rule_id: 'suivi_12m', due_date: addMonths(day(0), 12), status: 'a_faire' },
      { rule_id: 'suivi_6m', due_date: addMonths(day(0), 6), status: 'a_faire' },
    ]);
    // Idempotent: asking again for the tasks creates none.
    const org = s['charge-mission'].me.user.organisation.id;
    const again = await withCtx(t.database, systemPrincipal(await tenantId(), org), (ctx) => ensureFollowUpTasks(ctx, { dossierId: d.id, workerId: d.worker_id, exitedAt: day(0) }));
    expect(again).toBe(0);
    const twice = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit`, { outcome: 'maintien_poste', exitedAt: day(0) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('SORTIE_DEJA_ENREGISTREE');
    const page = (await api('medecin').get(`/api/v1/dossiers/${d.id}/exit`)).json();
    expect(page.exit).toMatchObject({ outcome: 'poste_amenage', outcomeLabel: 'Maintien sur le poste aménagé', exitedAt: day(0), lostToFollowUp: false });
    expect(page.exit.followUps.map((f: { open: boolean }) => f.open)).toEqual([false, false]);
    // Too early for the 6-month follow-up.
    const early = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit/follow-ups`, { horizon: 6, outcome: 'maintien_poste' });
    expect(early.json().error.code).toBe('SUIVI_PREMATURE');
  });

  it('refuses bad exits with stable codes: unknown outcome, dates out of bounds, a case not in accompaniment, a role without the capability', async () => {
    const d = await nextAccompanied();
    const cases: [unknown, string][] = [
      [{ outcome: 'licencie', exitedAt: day(0) }, 'ISSUE_INCONNUE'],
      [{ outcome: 'retraite', exitedAt: day(1) }, 'DATE_SORTIE_FUTURE'],
      [{ outcome: 'retraite', exitedAt: day(-366) }, 'DATE_SORTIE_TROP_ANCIENNE'],
      [{ outcome: 'retraite', exitedAt: '31/12/2026' }, 'DATE_SORTIE_INVALIDE'],
    ];
    for (const [payload, code] of cases) {
      const r = await api('medecin').post(`/api/v1/dossiers/${d.id}/exit`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    expect((await api('assistant').post(`/api/v1/dossiers/${d.id}/exit`, { outcome: 'retraite', exitedAt: day(0) })).statusCode).toBe(403);
    expect((await api('cpam').get(`/api/v1/dossiers/${d.id}/exit`)).statusCode).toBe(403);
    const evaluating = await db().selectFrom('dossier').select('id').where('state', '=', 'a_evaluer').orderBy('reference').executeTakeFirstOrThrow();
    const r = await api('medecin').post(`/api/v1/dossiers/${evaluating.id}/exit`, { outcome: 'retraite', exitedAt: day(0) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('TRANSITION_INTERDITE');
    expect(await db().selectFrom('dossier_exit').select('dossier_id').where('dossier_id', '=', evaluating.id).executeTakeFirst()).toBeUndefined();
  });

  it('follow-ups at 6 and 12 months move the case to « En suivi » then close it; « perdu de vue » lists the worker to re-contact', async () => {
    const d = await nextAccompanied();
    // Exited a year ago (the oldest date allowed): both follow-ups are open.
    expect((await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit`, { outcome: 'reclassement_interne', exitedAt: day(-365) })).statusCode).toBe(201);
    const six = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit/follow-ups`, { horizon: 6, outcome: 'perdu_de_vue' });
    expect(six.statusCode, six.body).toBe(200);
    expect(six.json()).toMatchObject({ lostToFollowUp: true, state: 'suivi' });
    expect((await db().selectFrom('task').select('status').where('subject_ref', '=', `dossier:${d.id}`).where('rule_id', '=', 'suivi_6m').executeTakeFirstOrThrow()).status).toBe('fait');
    const lost = (await api('charge-mission').get('/api/v1/follow-ups/lost')).json().items;
    expect(lost.map((x: { dossierId: string }) => x.dossierId)).toContain(d.id);
    expect((await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit/follow-ups`, { horizon: 6, outcome: 'retraite' })).json().error.code).toBe('SUIVI_DEJA_ENREGISTRE');
    expect((await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit/follow-ups`, { horizon: 9, outcome: 'retraite' })).json().error.code).toBe('SUIVI_ECHEANCE_INCONNUE');
    const twelve = await api('charge-mission').post(`/api/v1/dossiers/${d.id}/exit/follow-ups`, { horizon: 12, outcome: 'reclassement_externe' });
    expect(twelve.json()).toMatchObject({ lostToFollowUp: false, state: 'clos' });
    const after = (await api('charge-mission').get('/api/v1/follow-ups/lost')).json().items;
    expect(after.map((x: { dossierId: string }) => x.dossierId)).not.toContain(d.id);
  });

  it('an exit « perdu de vue » lists the worker at once', async () => {
    const d = await nextAccompanied();
    await api('medecin').post(`/api/v1/dossiers/${d.id}/exit`, { outcome: 'perdu_de_vue', exitedAt: day(-10) });
    const lost = (await api('medecin').get('/api/v1/follow-ups/lost')).json().items;
    expect(lost.find((x: { dossierId: string }) => x.dossierId === d.id)).toMatchObject({ lastFollowUp: null, outcomeLabel: 'Perdu de vue' });
    expect((await api('employeur').get('/api/v1/follow-ups/lost')).statusCode).toBe(403);
  });
});

describe('inaptitude and the ex-post review list', () => {
  /** Workers the cell never had a dossier for. */
  async function workersWithoutDossier(n: number) {
    return db()
      .selectFrom('worker as w')
      .select('w.id')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'w.id'))))
      .orderBy('w.birth_name')
      .limit(n)
      .execute();
  }
  async function signLevel(workerId: string, level: number, daysAgo: number) {
    await sql`insert into risk_assessment (tenant_id, worker_id, algorithm_id, algorithm_version, inputs, sub_scores, suggested_level, final_level, inaptitude_risk_level, author_name, signed_at)
      values (${await tenantId()}, ${workerId}, 'test', '1', '{}'::jsonb, '{}'::jsonb, ${level}, ${level}, ${level}, 'Dr Test', now() - make_interval(days => ${daysAgo}))`.execute(db());
  }

  it('lists dismissals where the latest signed level is ≥ 2 and no dossier was opened before the avis', async () => {
    const [high, low, highThenLow, noDismissal] = await workersWithoutDossier(4);
    // A worker whose dossier was opened well before the avis (day −40): the cell had been seized.
    const seized = await db().selectFrom('dossier').select(['worker_id']).where('opened_at', '<', new Date(Date.now() - 90 * 86_400_000)).orderBy('reference', 'desc').executeTakeFirstOrThrow();
    await signLevel(high.id, 2, 100);
    await signLevel(low.id, 1, 100);
    await signLevel(highThenLow.id, 3, 200);
    await signLevel(highThenLow.id, 1, 100);
    await signLevel(noDismissal.id, 3, 100);
    await signLevel(seized.worker_id, 3, 100);
    for (const w of [high, low, highThenLow, { id: seized.worker_id }]) {
      const r = await api('medecin').post(`/api/v1/workers/${w.id}/inaptitudes`, { avisDate: day(-40), dispenseReclassement: true, dismissalDate: day(-10) });
      expect(r.statusCode, r.body).toBe(201);
    }
    const pending = await api('infirmier').post(`/api/v1/workers/${noDismissal.id}/inaptitudes`, { avisDate: day(-20), dispenseReclassement: false, origin: 'professionnelle' });
    expect(pending.statusCode).toBe(201);

    const review = await api('medecin').get('/api/v1/inaptitudes/review');
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json().indexAvailable).toBe(true);
    const ids = review.json().items.map((x: { workerId: string }) => x.workerId);
    expect(ids).toContain(high.id);
    expect(ids).not.toContain(low.id);
    expect(ids).not.toContain(highThenLow.id);
    expect(ids).not.toContain(noDismissal.id);
    expect(ids).not.toContain(seized.worker_id);
    expect(review.json().items.find((x: { workerId: string }) => x.workerId === high.id)).toMatchObject({ finalLevel: 2, dismissalDate: day(-10), firstDossierOpenedOn: null });

    // The dismissal comes later: the record is completed and the worker enters the list.
    const rec = (await api('medecin').get(`/api/v1/workers/${noDismissal.id}/inaptitudes`)).json().items[0];
    expect(rec).toMatchObject({ dispenseReclassement: false, origin: 'professionnelle', dismissalDate: null });
    const before = await api('medecin').put(`/api/v1/inaptitudes/${rec.id}/dismissal`, { dismissalDate: day(-21) });
    expect(before.json().error.code).toBe('LICENCIEMENT_AVANT_AVIS');
    expect((await api('medecin').put(`/api/v1/inaptitudes/${rec.id}/dismissal`, { dismissalDate: day(-1) })).statusCode).toBe(200);
    expect((await api('medecin').get('/api/v1/inaptitudes/review')).json().items.map((x: { workerId: string }) => x.workerId)).toContain(noDismissal.id);
  });

  it('is reserved to health professionals and refuses bad dates with stable codes', async () => {
    const [w] = await workersWithoutDossier(1);
    expect((await api('charge-mission').get('/api/v1/inaptitudes/review')).statusCode).toBe(403);
    expect((await api('charge-mission').post(`/api/v1/workers/${w.id}/inaptitudes`, { avisDate: day(-1), dispenseReclassement: true })).statusCode).toBe(403);
    expect((await api('employeur').get(`/api/v1/workers/${w.id}/inaptitudes`)).statusCode).toBe(403);
    const cases: [unknown, string][] = [
      [{ avisDate: day(1), dispenseReclassement: true }, 'DATE_AVIS_FUTURE'],
      [{ avisDate: '2026-02-30', dispenseReclassement: true }, 'DATE_AVIS_INVALIDE'],
      [{ avisDate: day(-5), dispenseReclassement: true, dismissalDate: day(-6) }, 'LICENCIEMENT_AVANT_AVIS'],
      [{ avisDate: day(-5), dispenseReclassement: true, dismissalDate: day(1) }, 'DATE_LICENCIEMENT_FUTURE'],
      [{ avisDate: day(-5), dispenseReclassement: true, origin: 'autre' }, 'ORIGINE_INCONNUE'],
    ];
    for (const [payload, code] of cases) {
      const r = await api('medecin').post(`/api/v1/workers/${w.id}/inaptitudes`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
  });
});
