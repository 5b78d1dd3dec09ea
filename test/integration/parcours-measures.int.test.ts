/**
 * The plan de maintien through the API: catalogue, proposal refused with the rule named (an
 * essai encadré outside an arrêt, a 15th jour ouvrable, a second renewal, « accordée » without
 * the approvals), the status flow with approvals recorded, the deadline task, the worker's and
 * the employer's views (no health data), who may (403/404), manual tasks with owner filters,
 * the calculators and the invalidity rule setting.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant-tx';
import { civilDate } from '../../src/domain/calendar/dates';
import { addDays } from '../../src/domain/calendar/dates';
import { CATALOGUE_VERSION, catalogueMeasure, isJourOuvrable } from '../../src/domain/parcours/catalogue';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
let tenantId: string;
let dossierId: string;
let workerId: string;
const s: Record<string, Session> = {};
const today = civilDate(new Date());
const api = (who: string) => as(t.app, s[who]);
const tx = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(t.database.db, tenantId, fn);

/** The day on which `n` jours ouvrables from `start` (a jour ouvrable) are reached. */
function afterWorkingDays(start: string, n: number): string {
  let d = start;
  let k = 1;
  while (k < n) {
    d = addDays(d, 1);
    if (isJourOuvrable(d)) k += 1;
  }
  return d;
}
let start = addDays(today, 7);
while (!isJourOuvrable(start)) start = addDays(start, 1);

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  for (const local of ['medecin', 'charge-mission', 'assistant', 'admin', 'cpam', 'employeur', 'salarie', 'social']) s[local] = await login(t.app, demoEmail(local));
  workerId = s.salarie.me.user.workerId!;
  const d = await tx((trx) => trx.selectFrom('dossier').select('id').where('worker_id', '=', workerId).orderBy('opened_at', 'desc').executeTakeFirstOrThrow());
  dossierId = d.id;
});
afterAll(() => t?.close());

const propose = (who: string, body: Record<string, unknown>) => api(who).post(`/api/v1/dossiers/${dossierId}/measures`, body);

describe('catalogue', () => {
  it('lists every measure with its rules and approvals', async () => {
    const res = await api('charge-mission').get('/api/v1/parcours/catalogue');
    expect(res.statusCode).toBe(200);
    const essai = res.json().measures.find((m: { code: string }) => m.code === 'essaiEncadre');
    expect(essai).toMatchObject({ label: 'Essai encadré', requiresArret: true, maxPeriod: '14 jours ouvrables', maxRenewals: 1, maxTotal: '28 jours ouvrables' });
    expect(essai.approvals.map((a: { kind: string }) => a.kind)).toContain('medecin_conseil');
  });
});

describe('essai encadré: rules, approvals, status flow, deadline task', () => {
  let measureId: string;
  const end14 = afterWorkingDays(start, 14);
  const end15 = afterWorkingDays(start, 15);

  it('outside an arrêt: refused naming the rule', async () => {
    const res = await propose('medecin', { code: 'essaiEncadre', startDate: start, endDate: end14 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MESURE_HORS_ARRET');
    expect(res.json().error.message).toMatch(/Règle « pendant un arrêt de travail » \(Essai encadré, CSS L323-3-1/);
  });

  it('during an arrêt: the 15th jour ouvrable is refused, 14 are accepted', async () => {
    await tx((trx) => trx.insertInto('arret').values({ tenant_id: tenantId, worker_id: workerId, source: 'equipe', nature: 'maladie', start_date: addDays(today, -60), expected_end_date: addDays(today, 120) }).execute());
    const bad = await propose('medecin', { code: 'essaiEncadre', startDate: start, endDate: end15 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'MESURE_DUREE_DEPASSEE', field: 'endDate' });
    expect(bad.json().error.message).toContain('14 jours ouvrables au plus par période');
    const ok = await propose('medecin', { code: 'essaiEncadre', startDate: start, endDate: end14, details: 'Reprise au poste d’aide-soignante, sans port de charges.', sharedWithWorker: true });
    expect(ok.statusCode).toBe(201);
    const m = ok.json();
    measureId = m.id;
    expect(m).toMatchObject({ status: 'proposee', statusLabel: 'Proposée', renewals: 0, catalogueVersion: CATALOGUE_VERSION });
    expect(m.missingApprovals.map((a: { kind: string }) => a.kind).sort()).toEqual(['convention_cpam', 'medecin_conseil', 'medecin_traitant', 'medecin_travail', 'service_social']);
  });

  it('« accordée » without every approval is refused naming the missing ones', async () => {
    const res = await api('medecin').post(`/api/v1/measures/${measureId}/transition`, { to: 'accordee' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MESURE_ACCORD_MANQUANT');
    expect(res.json().error.message).toMatch(/Règle « accords requis ».*Médecin conseil/);
  });

  it('approvals are recorded with who and when; the first moves it to « en attente d’accord »', async () => {
    const kinds = ['medecin_traitant', 'medecin_conseil', 'medecin_travail', 'service_social'];
    let last;
    for (const kind of kinds) {
      last = await api('charge-mission').post(`/api/v1/measures/${measureId}/approvals`, { kind, decision: 'accord', decidedOn: today, byName: `Dr ${kind}`, byOrganisation: 'Organisme' });
      expect(last.statusCode).toBe(200);
    }
    const m = last!.json();
    expect(m.status).toBe('en_attente_accord');
    expect(m.approvals[0]).toMatchObject({ kind: 'medecin_traitant', decision: 'accord', byName: 'Dr medecin_traitant', byOrganisation: 'Organisme', decidedOn: today, recordedByName: expect.stringContaining('Émilie Fontaine') });
    expect(m.missingApprovals.map((a: { kind: string }) => a.kind)).toEqual(['convention_cpam']);
    // Not an approval of this measure; a date in the future; a blank name.
    expect((await api('medecin').post(`/api/v1/measures/${measureId}/approvals`, { kind: 'agefiph', decision: 'accord', decidedOn: today, byName: 'X', byOrganisation: 'Y' })).json().error.code).toBe('ACCORD_NON_REQUIS');
    expect((await api('medecin').post(`/api/v1/measures/${measureId}/approvals`, { kind: 'convention_cpam', decision: 'accord', decidedOn: addDays(today, 1), byName: 'X', byOrganisation: 'Y' })).json().error.code).toBe('DATE_FUTURE');
    expect((await api('medecin').post(`/api/v1/measures/${measureId}/approvals`, { kind: 'convention_cpam', decision: 'accord', decidedOn: today, byName: '  ', byOrganisation: 'Y' })).json().error.code).toBe('CHAMP_REQUIS');
  });

  it('with every approval: accordée, then en cours; a task at its end', async () => {
    await api('medecin').post(`/api/v1/measures/${measureId}/approvals`, { kind: 'convention_cpam', decision: 'accord', decidedOn: today, byName: 'Nadia Belkacem', byOrganisation: 'CPAM du Nord' });
    const granted = await api('medecin').post(`/api/v1/measures/${measureId}/transition`, { to: 'accordee' });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'accordee', mayRenew: true, nextRenewalStart: addDays(end14, 1) });
    const skip = await api('medecin').post(`/api/v1/measures/${measureId}/transition`, { to: 'terminee' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('MESURE_TRANSITION_INTERDITE');
    expect((await api('medecin').post(`/api/v1/measures/${measureId}/transition`, { to: 'en_cours' })).json().status).toBe('en_cours');
    const tasks = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items;
    const end = tasks.filter((x: { kind: string }) => x.kind === 'fin_mesure');
    expect(end).toHaveLength(1);
    expect(end[0]).toMatchObject({ dueDate: end14, kindLabel: "Échéance d'une mesure", title: catalogueMeasure('essaiEncadre').deadlineTask });
  });

  it('one renewal: accepted, the task moves; a second: refused naming the rule', async () => {
    let r1Start = addDays(end14, 1);
    while (!isJourOuvrable(r1Start)) r1Start = addDays(r1Start, 1);
    const r1 = await api('medecin').post(`/api/v1/measures/${measureId}/renewals`, { endDate: afterWorkingDays(r1Start, 14) });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ renewals: 1, mayRenew: false });
    expect(r1.json().periods).toHaveLength(2);
    const tasks = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items.filter((x: { kind: string }) => x.kind === 'fin_mesure');
    expect(tasks.map((x: { dueDate: string }) => x.dueDate)).toEqual([r1.json().endDate]);
    const r2 = await api('medecin').post(`/api/v1/measures/${measureId}/renewals`, { endDate: addDays(r1.json().endDate, 2) });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.code).toBe('MESURE_RENOUVELLEMENT_DEPASSE');
    expect(r2.json().error.message).toMatch(/Règle « renouvellement » \(Essai encadré.*un seul renouvellement/);
  });

  it('the worker sees it in his carnet (shared), in his words; not the unshared ones', async () => {
    await propose('medecin', { code: 'bilanCompetences', startDate: today, details: 'Projet de reconversion évoqué' });
    const res = await api('salarie').get('/api/v1/me/measures');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { label: string }) => i.label)).toEqual(['Essai encadré']);
    expect(items[0]).toMatchObject({ statusLabel: 'En cours', explanation: expect.stringContaining('tuteur') });
    expect(JSON.stringify(items)).not.toContain('aide-soignante');
  });

  it('terminée: the open deadline task is cancelled; the timeline tells every step', async () => {
    expect((await api('medecin').post(`/api/v1/measures/${measureId}/transition`, { to: 'terminee' })).json().status).toBe('terminee');
    const tasks = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items.filter((x: { kind: string }) => x.kind === 'fin_mesure');
    expect(tasks).toEqual([]);
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    const titles = page.timeline.filter((e: { kind: string }) => e.kind === 'measure').map((e: { title: string }) => e.title);
    expect(titles).toEqual(expect.arrayContaining(['Mesure proposée', 'Accord enregistré', 'Mesure accordée', 'Mesure en cours', 'Mesure renouvelée', 'Mesure terminée']));
    // Reading the plan is audited (sensitive).
    await api('medecin').get(`/api/v1/dossiers/${dossierId}/measures`);
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'category']).where('action', '=', 'measure.read').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0].category).toBe('sensitive');
  });

  it('refusée and abandonnée need a reason', async () => {
    const m = (await propose('medecin', { code: 'formationArret', startDate: today })).json();
    expect((await api('medecin').post(`/api/v1/measures/${m.id}/transition`, { to: 'abandonnee' })).json().error.code).toBe('MOTIF_REQUIS');
    const ab = await api('medecin').post(`/api/v1/measures/${m.id}/transition`, { to: 'abandonnee', reason: 'Le salarié ne souhaite pas donner suite.' });
    expect(ab.json()).toMatchObject({ status: 'abandonnee', statusReason: 'Le salarié ne souhaite pas donner suite.', allowedTransitions: [] });
    expect((await api('medecin').post(`/api/v1/measures/${m.id}/transition`, { to: 'nimporte' })).json().error.code).toBe('STATUT_INCONNU');
  });
});

describe('employer view: never health data', () => {
  it('only measures of an employer-visible kind marked visible, with the employer note only', async () => {
    const tpt = await propose('medecin', { code: 'tpt', startDate: today, employerVisible: false, details: 'Lombalgie chronique, reprise à mi-temps' });
    expect(tpt.statusCode).toBe(201);
    const inval = await propose('medecin', { code: 'invaliditeCat1', startDate: today, employerVisible: true });
    expect(inval.statusCode).toBe(400);
    expect(inval.json().error.code).toBe('MESURE_NON_VISIBLE_EMPLOYEUR');
    const am = (await propose('medecin', { code: 'amenagementPoste', startDate: today, details: 'Hernie discale L5-S1 : éviter le port de charges', employerNote: 'Siège assis-debout et aide à la manutention', employerVisible: true })).json();
    for (const kind of ['medecin_travail', 'employeur']) await api('medecin').post(`/api/v1/measures/${am.id}/approvals`, { kind, decision: 'accord', decidedOn: today, byName: 'X', byOrganisation: 'Y' });
    // Proposed: not yet shown to the employer.
    expect((await api('employeur').get('/api/v1/employer/measures')).json().items).toEqual([]);
    expect((await api('medecin').post(`/api/v1/measures/${am.id}/transition`, { to: 'accordee' })).statusCode).toBe(200);
    const res = await api('employeur').get('/api/v1/employer/measures');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ id: am.id, workerName: expect.any(String), label: 'Aménagement du poste ou du temps de travail', statusLabel: 'Accordée', startDate: today, endDate: null, note: 'Siège assis-debout et aide à la manutention' }]);
    const text = res.body;
    for (const w of ['Hernie', 'Lombalgie', 'thérapeutique', 'L5-S1']) expect(text).not.toContain(w);
    // Marking an Agefiph aid (it tells a disability) visible afterwards is refused too.
    const agefiph = (await propose('medecin', { code: 'aideAgefiph', startDate: today })).json();
    expect((await api('medecin').put(`/api/v1/measures/${agefiph.id}`, { employerVisible: true })).json().error.code).toBe('MESURE_NON_VISIBLE_EMPLOYEUR');
  });
});

describe('who may', () => {
  it('the assistant (no sensitive data) is refused the plan; partners and employers do not see the dossier', async () => {
    expect((await api('assistant').get(`/api/v1/dossiers/${dossierId}/measures`)).statusCode).toBe(403);
    expect((await api('assistant').post(`/api/v1/dossiers/${dossierId}/measures`, { code: 'tpt', startDate: today })).statusCode).toBe(403);
    expect((await api('employeur').get(`/api/v1/dossiers/${dossierId}/measures`)).statusCode).toBe(404);
    expect((await api('cpam').get(`/api/v1/dossiers/${dossierId}/measures`)).statusCode).toBe(404);
    expect((await api('salarie').get(`/api/v1/dossiers/${dossierId}/measures`)).statusCode).toBe(404);
    expect((await api('admin').get(`/api/v1/dossiers/${dossierId}/measures`)).statusCode).toBe(403);
    expect((await api('employeur').get('/api/v1/me/measures')).statusCode).toBe(403);
    expect((await api('salarie').get('/api/v1/employer/measures')).statusCode).toBe(403);
  });
  it('bad input: 400 with a code, never a 500', async () => {
    expect((await propose('medecin', { code: 'inconnue', startDate: today })).json().error.code).toBe('MESURE_INCONNUE');
    expect((await propose('medecin', { code: 'tpt', startDate: '2026-02-30' })).statusCode).toBe(400);
    expect((await propose('medecin', { code: 'crpe', startDate: today, endDate: addDays(today, -1) })).json().error.code).toBe('MESURE_DATES_INVALIDES');
    expect((await propose('medecin', { code: 'crpe', startDate: today })).json().error.code).toBe('MESURE_FIN_REQUISE');
    expect((await api('medecin').post('/api/v1/measures/00000000-0000-4000-8000-000000000000/transition', { to: 'accordee' })).statusCode).toBe(404);
    expect((await api('medecin').post('/api/v1/measures/pas-un-uuid/transition', { to: 'accordee' })).statusCode).toBe(400);
  });
});

describe('manual tasks and the team list', () => {
  it('adds a task with owner and due date; filters the team list by owner and unassigned; overdue flagged', async () => {
    const cm = s['charge-mission'].me.user.id;
    const res = await api('medecin').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: 'Appeler le tuteur de l’essai encadré', dueDate: addDays(today, -2), ownerId: cm });
    expect(res.statusCode).toBe(201);
    const task = res.json().items.find((x: { title: string }) => x.title === 'Appeler le tuteur de l’essai encadré');
    expect(task).toMatchObject({ kind: 'manuelle', kindLabel: 'Tâche', overdue: true, owner: { id: cm } });
    await api('medecin').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: 'Préparer le staff', dueDate: null, ownerId: null });
    const ofCm = (await api('medecin').get(`/api/v1/tasks?scope=team&owner=${cm}&pageSize=100`)).json();
    expect(ofCm.items.length).toBeGreaterThan(0);
    for (const i of ofCm.items) expect(i.owner?.id).toBe(cm);
    const none = (await api('medecin').get('/api/v1/tasks?scope=team&owner=none&pageSize=100')).json();
    expect(none.items.some((i: { title: string }) => i.title === 'Préparer le staff')).toBe(true);
    for (const i of none.items) expect(i.owner).toBeNull();
    expect((await api('medecin').get('/api/v1/tasks?scope=team&owner=zzz')).statusCode).toBe(400);
    expect((await api('medecin').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: ' ', dueDate: null, ownerId: null })).json().error.code).toBe('CHAMP_REQUIS');
    expect((await api('medecin').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: 'x', dueDate: null, ownerId: s.cpam.me.user.id })).json().error.code).toBe('RESPONSABLE_INCONNU');
    expect((await api('employeur').post(`/api/v1/dossiers/${dossierId}/tasks`, { title: 'x', dueDate: null, ownerId: null })).statusCode).toBe(403);
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(page.timeline.some((e: { title: string }) => e.title === 'Tâche ajoutée')).toBe(true);
  });
});

describe('calculators', () => {
  it('IJ over 3 rolling years, ALD, invalidity start with the service rule', async () => {
    await tx((trx) =>
      sql`insert into arret (tenant_id, worker_id, source, nature, start_date, expected_end_date, actual_end_date, ald)
          values (${tenantId}, ${workerId}, 'equipe', 'maladie', ${addDays(today, -400)}::date, ${addDays(today, -301)}::date, ${addDays(today, -301)}::date, false),
                 (${tenantId}, ${workerId}, 'equipe', 'maladie', ${addDays(today, -900)}::date, ${addDays(today, -881)}::date, ${addDays(today, -881)}::date, true)`.execute(trx),
    );
    const res = await api('charge-mission').get(`/api/v1/dossiers/${dossierId}/calculators?decisionDate=2025-10-25`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    // 100 days ended + the running arrêt started 60 days ago (61 days to today), less 3 days of
    // carence for each of these two separate absences (CSS R323-1 counts IJ paid).
    expect(c.ij).toMatchObject({ consumed: 155, limit: 360, remaining: 205, reached: false });
    expect(c.ald).toHaveLength(1);
    expect(c.ald[0].startDate).toBe(addDays(today, -900));
    expect(c.invalidity).toMatchObject({ decisionDate: '2025-10-25', startDate: '2025-12-01', rule: { cutoffDay: 15, monthsIfEarly: 1, monthsIfLate: 2 } });
    expect((await api('charge-mission').get(`/api/v1/dossiers/${dossierId}/calculators?decisionDate=25/10/2025`)).statusCode).toBe(400);
    expect((await api('employeur').get(`/api/v1/dossiers/${dossierId}/calculators`)).statusCode).toBe(404);
  });
  it('the invalidity rule is a setting of the service (settings.manage)', async () => {
    expect((await api('medecin').put('/api/v1/settings/invalidity-start', { cutoffDay: 20, monthsIfEarly: 1, monthsIfLate: 2 })).statusCode).toBe(403);
    const bad = await api('admin').put('/api/v1/settings/invalidity-start', { cutoffDay: 32, monthsIfEarly: 1, monthsIfLate: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALEUR_HORS_LIMITES', field: 'cutoffDay' });
    const ok = await api('admin').put('/api/v1/settings/invalidity-start', { cutoffDay: 25, monthsIfEarly: 1, monthsIfLate: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rule.cutoffDay).toBe(25);
    const c = (await api('charge-mission').get(`/api/v1/dossiers/${dossierId}/calculators?decisionDate=2025-10-25`)).json();
    expect(c.invalidity.startDate).toBe('2025-11-01');
  });
});

describe('demo content', () => {
  it('measures in every status on ~80 dossiers, deadline tasks (some overdue), the demo worker and employer see theirs', async () => {
    const { seedParcoursMeasuresDemo } = await import('../../src/demo/parcours-measures');
    await seedParcoursMeasuresDemo(t.database, tenantId, new Date());
    const rows = await tx((trx) => sql<{ status: string; n: number; dossiers: number }>`
      select status, count(*)::int as n, count(distinct dossier_id)::int as dossiers from measure where tenant_id = ${tenantId} group by status`.execute(trx));
    expect(rows.rows.map((r) => r.status).sort()).toEqual(['abandonnee', 'accordee', 'en_attente_accord', 'en_cours', 'proposee', 'refusee', 'terminee']);
    const dossiers = await tx((trx) => sql<{ n: number }>`select count(distinct dossier_id)::int as n from measure where tenant_id = ${tenantId}`.execute(trx));
    expect(dossiers.rows[0].n).toBeGreaterThanOrEqual(60);
    const late = (await api('charge-mission').get('/api/v1/tasks?scope=team&overdue=true&pageSize=100')).json();
    expect(late.items.some((i: { kind: string }) => i.kind === 'fin_mesure')).toBe(true);
    expect((await api('salarie').get('/api/v1/me/measures')).json().items.length).toBeGreaterThan(1);
    const employer = (await api('employeur').get('/api/v1/employer/measures')).json().items;
    expect(employer.some((i: { label: string }) => i.label === 'Essai encadré')).toBe(true);
  });
});

describe('essai encadré in fractions (issue 13, item 7)', () => {
  /** The next jour ouvrable on or after `d`. */
  const ouvrable = (d: string) => {
    while (!isJourOuvrable(d)) d = addDays(d, 1);
    return d;
  };
  it('a second and third fraction are not renewals: they count together toward 14 jours ouvrables', async () => {
    // The arrêt of the essai tests above covers today − 60 … today + 120.
    const f1Start = ouvrable(addDays(today, 28));
    const f1End = afterWorkingDays(f1Start, 5);
    const m = (await propose('medecin', { code: 'essaiEncadre', startDate: f1Start, endDate: f1End })).json();
    expect(m).toMatchObject({ renewals: 0, mayAddFraction: true, mayRenew: false, nextRenewalStart: addDays(f1End, 1) });
    const f2Start = ouvrable(addDays(f1End, 3));
    const f2 = await api('medecin').post(`/api/v1/measures/${m.id}/renewals`, { startDate: f2Start, endDate: afterWorkingDays(f2Start, 5), fraction: true });
    expect(f2.statusCode, f2.body).toBe(200);
    expect(f2.json()).toMatchObject({ renewals: 0, status: 'proposee' });
    expect(f2.json().periods.map((p: { fraction: boolean }) => p.fraction)).toEqual([false, true]);
    const f3Start = ouvrable(addDays(f2.json().endDate, 3));
    // 5 + 5 + 5 = 15: refused, the fractions named.
    const over = await api('medecin').post(`/api/v1/measures/${m.id}/renewals`, { startDate: f3Start, endDate: afterWorkingDays(f3Start, 5), fraction: true });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('MESURE_DUREE_DEPASSEE');
    expect(over.json().error.message).toMatch(/14 jours ouvrables au plus par essai, fractions comprises ; .*en 3 fractions, en compte 15\./);
    // 5 + 5 + 4 = 14: accepted; still no renewal used.
    const f3 = await api('medecin').post(`/api/v1/measures/${m.id}/renewals`, { startDate: f3Start, endDate: afterWorkingDays(f3Start, 4), fraction: true });
    expect(f3.statusCode, f3.body).toBe(200);
    expect(f3.json()).toMatchObject({ renewals: 0 });
    expect(f3.json().periods).toHaveLength(3);
    const stored = await tx((trx) => trx.selectFrom('measure').select(['renewals', 'periods', 'end_date']).where('id', '=', m.id).executeTakeFirstOrThrow());
    expect(stored.renewals).toBe(0);
    expect(stored.end_date).toBe(f3.json().endDate);
    // Told on the timeline and audited as a fraction, not a renewal.
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(page.timeline.filter((e: { title: string }) => e.title === 'Fraction ajoutée')).toHaveLength(2);
    const audit = await tx((trx) => trx.selectFrom('audit_event').select('action').where('subject_id', '=', m.id).execute());
    expect(audit.map((a) => a.action).filter((a) => a === 'measure.fraction')).toHaveLength(2);
    expect(audit.map((a) => a.action)).not.toContain('measure.renew');
  });
  it('other measures are not taken in fractions; a closed measure takes none', async () => {
    const pmsmp = (await propose('medecin', { code: 'pmsmp', startDate: today, endDate: addDays(today, 10) })).json();
    const r = await api('medecin').post(`/api/v1/measures/${pmsmp.id}/renewals`, { endDate: addDays(today, 20), fraction: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('MESURE_FRACTION_INTERDITE');
    expect(pmsmp.mayAddFraction).toBe(false);
    await api('medecin').post(`/api/v1/measures/${pmsmp.id}/transition`, { to: 'abandonnee', reason: 'Pas de suite.' });
    const closed = await api('medecin').post(`/api/v1/measures/${pmsmp.id}/renewals`, { endDate: addDays(today, 20), fraction: true });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('MESURE_FRACTION_IMPOSSIBLE');
  });
});

describe('CRPE eligibility, PMSMP during an arrêt, PTP waiver (issue 13, item 11)', () => {
  it('a CRPE states its ground: refused without it, « inapte » needs a recorded avis, RQTH ending before the start refused', async () => {
    const crpe = (eligibility: unknown) => propose('medecin', { code: 'crpe', startDate: addDays(today, 10), endDate: addDays(today, 200), eligibility });
    const none = await crpe(undefined);
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'CRPE_CONDITION_REQUISE', field: 'eligibility' });
    expect(none.json().error.message).toMatch(/^Règle « bénéficiaires » \(Convention de rééducation professionnelle en entreprise \(CRPE\)/);
    const inapte = await crpe({ basis: 'inapte' });
    expect(inapte.statusCode).toBe(400);
    expect(inapte.json().error.code).toBe('CRPE_CONDITION_NON_REMPLIE');
    expect(inapte.json().error.message).toContain("aucun avis d'inaptitude n'est enregistré pour ce salarié");
    const ended = await crpe({ basis: 'boeth', attestedOn: '2024-05-02', validUntil: addDays(today, 9) });
    expect(ended.statusCode).toBe(400);
    expect(ended.json().error).toMatchObject({ code: 'CRPE_CONDITION_NON_REMPLIE', field: 'eligibility.validUntil' });
    const ok = await crpe({ basis: 'boeth', attestedOn: '2024-05-02', validUntil: addDays(today, 10) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().eligibility).toEqual({ basis: 'boeth', basisLabel: "Bénéficiaire de l'obligation d'emploi (RQTH ou autre titre, C. trav. L5212-13)", attestedOn: '2024-05-02', validUntil: addDays(today, 10) });
    const stored = await tx((trx) => trx.selectFrom('measure').select('eligibility').where('id', '=', ok.json().id).executeTakeFirstOrThrow());
    expect(stored.eligibility).toEqual({ basis: 'boeth', attestedOn: '2024-05-02', validUntil: addDays(today, 10) });
    // With an avis d'inaptitude recorded on the worker, « inapte » is accepted and dated by it.
    await tx((trx) => trx.insertInto('inaptitude').values({ tenant_id: tenantId, worker_id: workerId, avis_date: addDays(today, -5), dispense_reclassement: false, origin: 'non_professionnelle' }).execute());
    const withAvis = await crpe({ basis: 'inapte' });
    expect(withAvis.statusCode, withAvis.body).toBe(201);
    expect(withAvis.json().eligibility).toMatchObject({ basis: 'inapte', attestedOn: addDays(today, -5) });
    // Not for another measure.
    const other = await propose('medecin', { code: 'bilanCompetences', startDate: today, eligibility: { basis: 'boeth', attestedOn: '2024-05-02' } });
    expect(other.json().error.code).toBe('CONDITION_INATTENDUE');
  });
  it('a PMSMP of 16 days during the arrêt is accepted with a warning; 15 days: no warning', async () => {
    const p16 = await propose('medecin', { code: 'pmsmp', startDate: addDays(today, 2), endDate: addDays(today, 17) });
    expect(p16.statusCode, p16.body).toBe(201);
    expect(p16.json().advisories).toEqual([expect.objectContaining({ code: 'PMSMP_DUREE_PRECONISEE_DEPASSEE', message: expect.stringContaining('celle-ci en compte 16') })]);
    const p15 = await propose('medecin', { code: 'pmsmp', startDate: addDays(today, 2), endDate: addDays(today, 16) });
    expect(p15.json().advisories).toEqual([]);
    const plan = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/measures`)).json().items;
    expect(plan.find((m: { id: string }) => m.id === p16.json().id).advisories[0].code).toBe('PMSMP_DUREE_PRECONISEE_DEPASSEE');
    // The PTP explains the seniority waiver.
    const ptp = await propose('medecin', { code: 'ptp', startDate: addDays(today, 30) });
    expect(ptp.json().advisories[0].code).toMatch(/^PTP_ANCIENNETE_(LEVEE|REQUISE)$/);
    expect(ptp.json().advisories[0].message).toContain('C. trav. D6323-9');
  });
});
