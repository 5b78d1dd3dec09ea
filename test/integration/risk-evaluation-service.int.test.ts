/**
 * « Évaluer sur les dossiers du service » (POST /api/v1/risk/evaluations/service): the cohort
 * built from the service's exits and their 12-month follow-up, with the features stored in the
 * index signed before the exit. Scenes are placed in 2019 and read with a period, so that the
 * demo's own cases (evaluated first) do not blur the counts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/parcours/exit';
import { HEALTH_FEATURE_NAMES } from '../../src/domain/risk/health-model';
import { seedDemo } from '../../src/demo/seed-demo';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const URL = '/api/v1/risk/evaluations/service';
const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + n * 86_400_000));
const shift = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp({ modules: true });
  await seedDemo(t.database, { slug: 'autre', now: new Date(), modules: false });
  for (const local of ['medecin', 'infirmier', 'admin', 'social', 'charge-mission', 'assistant', 'employeur', 'cpam', 'salarie']) s[local] = await login(t.app, demoEmail(local));
  s.autre = await login(t.app, demoEmail('medecin', 'autre'));
}, 240_000);
afterAll(() => t?.close());

const db = () => t.database.db;
const post = (who: string, body: object = {}) => as(t.app, s[who]).post(URL, body);
const tenantId = async (slug: string) => (await db().selectFrom('tenant').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

/** The health model scoring cim_f only: AUC 1 when the stored cim_f separates the outcome. */
const cimFModel = () => {
  const m = JSON.parse(readFileSync('models/health-record/default-v1.json', 'utf8'));
  return JSON.stringify({ ...m, id: 'cim-f-seul', version: '0.0.1', intercept: -1, coefficients: Object.fromEntries(Object.keys(m.coefficients).map((k) => [k, k === 'cim_f' ? 2 : 0])) });
};
const features = (cimF: 0 | 1) => Object.fromEntries(HEALTH_FEATURE_NAMES.map((n) => [n, n === 'cim_f' ? cimF : 0]));

interface Assessment {
  signedAt: string;
  cimF?: 0 | 1;
  /** A level reported from an older record: no stored inputs. */
  noInputs?: boolean;
  finalLevel?: number;
  wai?: number | 'court';
  employeur?: number;
}
interface Case {
  exitedAt: string;
  twelve: string | null;
  six?: string | null;
  lost?: boolean;
  assessments?: Assessment[];
}

const used = new Set<string>();
/** Puts each case on a dossier of its own worker (never used before) of `slug`, without touching the worker's health profile. */
async function scene(slug: string, cases: Case[]) {
  const tid = await tenantId(slug);
  const free = (
    await db()
      .selectFrom('dossier as d')
      .select(['d.id', 'd.worker_id'])
      .where('d.tenant_id', '=', tid)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier_exit as x').select('x.dossier_id').whereRef('x.worker_id', '=', 'd.worker_id'))))
      .orderBy('d.reference')
      .execute()
  ).filter((d, i, all) => !used.has(d.worker_id) && all.findIndex((x) => x.worker_id === d.worker_id) === i);
  expect(free.length).toBeGreaterThanOrEqual(cases.length);
  for (const d of free.slice(0, cases.length)) used.add(d.worker_id);
  for (const [i, c] of cases.entries()) {
    const d = free[i];
    await db()
      .insertInto('dossier_exit')
      .values({
        tenant_id: tid,
        dossier_id: d.id,
        worker_id: d.worker_id,
        outcome: c.six ?? c.twelve ?? 'maintien_poste',
        exited_at: c.exitedAt,
        follow_up_6m_outcome: c.six ?? null,
        follow_up_12m_outcome: c.twelve,
        follow_up_12m_at: c.twelve ? addMonths(c.exitedAt, 12) : null,
        lost_to_follow_up: c.lost ?? false,
      })
      .execute();
    for (const a of c.assessments ?? []) {
      const inputs = a.noInputs
        ? {}
        : {
            asOf: a.signedAt.slice(0, 10),
            features: features(a.cimF ?? 0),
            profileFilled: true,
            questionnaire: a.wai === undefined ? null : a.wai === 'court' ? { questionnaire: 'wai_court', score: 3, outlook: 1 } : { questionnaire: 'wai', score: a.wai, outlook: null },
            employer: a.employeur === undefined ? null : { score: a.employeur, category: null },
          };
      const level = a.finalLevel ?? 1;
      await db()
        .insertInto('risk_assessment')
        .values({
          tenant_id: tid,
          worker_id: d.worker_id,
          dossier_id: d.id,
          algorithm_id: 'maintien-irdp',
          algorithm_version: '1.0.0',
          inputs: JSON.stringify(inputs),
          sub_scores: '[]',
          suggested_level: level,
          final_level: level,
          inaptitude_risk_level: 0,
          author_name: 'Dr Test',
          signed_at: new Date(a.signedAt),
        })
        .execute();
    }
  }
  return free.slice(0, cases.length);
}

const EVENTS = ['inaptitude_sans_dispense', 'inaptitude_avec_dispense', 'invalidite', 'demandeur_emploi'];
const KEPT = ['maintien_poste', 'poste_amenage', 'reclassement_interne', 'reclassement_externe', 'reconversion'];
const Y2019 = { from: '2019-01-01', to: '2019-12-31' };

describe('POST /api/v1/risk/evaluations/service', () => {
  it('evaluates the demo service out of the box (older cases closed at 12 months)', async () => {
    const res = await post('medecin');
    expect(res.statusCode, res.body).toBe(200);
    const { service, report } = res.json();
    expect(service.included).toBeGreaterThanOrEqual(20);
    expect(service.events).toBeGreaterThan(0);
    expect(service.events).toBeLessThan(service.included);
    expect(report.cohort).toMatchObject({ n: service.included, events: service.events, rejectedLines: 0 });
    const byReason = Object.fromEntries(service.excluded.map((e: { reason: string; count: number }) => [e.reason, e.count]));
    expect(byReason.perdu_de_vue).toBeGreaterThan(0);
    // The recent exits of the demo: 12-month follow-up not due yet.
    expect(byReason.suivi_12_mois_non_echu).toBeGreaterThan(0);
    expect(res.json().html).toContain('dossiers-du-service');
  });

  it('maps the outcomes, counts the exclusions and reads the features stored in the index signed before the exit', { timeout: 60_000 }, async () => {
    const event = (i: number): Case => ({
      exitedAt: `2019-0${1 + (i % 6)}-15`,
      twelve: EVENTS[i % EVENTS.length],
      six: 'poste_amenage',
      // The closest index before the exit says cim_f = 1; an older one and one after the exit say 0.
      assessments: [
        { signedAt: `2018-06-01T10:00:00Z`, cimF: 0, finalLevel: 0 },
        { signedAt: `${shift(`2019-0${1 + (i % 6)}-15`, -1)}T20:00:00Z`, cimF: 1, finalLevel: 3, wai: i === 0 ? 'court' : 20, employeur: 80 },
        { signedAt: `2019-11-01T10:00:00Z`, cimF: 0, finalLevel: 0 },
      ],
    });
    const kept = (i: number): Case => ({
      exitedAt: `2019-${String(7 + (i % 6)).padStart(2, '0')}-10`,
      twelve: KEPT[i % KEPT.length],
      six: i === 0 ? 'perdu_de_vue' : 'maintien_poste',
      assessments: [{ signedAt: '2019-03-01T10:00:00Z', cimF: 0, finalLevel: 0, wai: 45, employeur: 10 }],
    });
    const known = (twelve: string, assessments?: Assessment[]): Case => ({ exitedAt: '2019-05-20', twelve, assessments });
    await scene('demo', [
      ...Array.from({ length: 12 }, (_, i) => event(i)),
      ...Array.from({ length: 12 }, (_, i) => kept(i)),
      known('retraite', [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 }]),
      known('perdu_de_vue', [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 }]),
      // Only the 6-month follow-up: never counted, whatever it says.
      { exitedAt: '2019-05-20', six: 'invalidite', twelve: null, assessments: [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 }] },
      { exitedAt: '2019-05-20', six: 'perdu_de_vue', twelve: null, lost: true, assessments: [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 }] },
      known('maintien_poste'),
      // Signed on the exit day (Paris time): not before the exit.
      known('maintien_poste', [{ signedAt: '2019-05-20T06:00:00Z', cimF: 0 }]),
      known('invalidite', [{ signedAt: '2019-02-01T10:00:00Z', noInputs: true, finalLevel: 3 }]),
    ]);

    const res = await post('medecin', { period: Y2019, model: cimFModel() });
    expect(res.statusCode, res.body).toBe(200);
    const { service, report, html, errors, rejectedLines } = res.json();
    expect(service).toMatchObject({ period: Y2019, exits: 31, workers: 31, included: 24, events: 12 });
    expect(Object.fromEntries(service.excluded.map((e: { reason: string; count: number }) => [e.reason, e.count]))).toEqual({
      suivi_12_mois_non_echu: 0,
      perdu_de_vue: 2,
      suivi_12_mois_non_renseigne: 1,
      retraite: 1,
      sans_indice_signe_avant_sortie: 2,
      indice_sans_donnees: 1,
    });
    expect(service.excluded[0].label).toMatch(/[a-zé]/);
    expect(errors).toEqual([]);
    expect(rejectedLines).toBe(0);
    expect(report.model).toMatchObject({ id: 'cim-f-seul', version: '0.0.1' });
    expect(report.cohort).toMatchObject({ n: 24, events: 12, withWai: 23, withEmployer: 24, withLevel: 24 });
    const auc = (key: string) => report.components.find((c: { key: string }) => c.key === key).auc?.estimate;
    // Stored features (not the worker's current profile), from the index closest before the exit.
    expect(auc('sante')).toBe(1);
    expect(auc('niveau_final')).toBe(1);
    expect(auc('wai')).toBe(1);
    expect(auc('employeur')).toBe(1);
    expect(report.warnings.join(' ')).toContain('sans situation connue à 12 mois');
    expect(html).toContain('<html lang="fr">');

    // The boundary of the period is the exit date, both ends included.
    const may = await post('medecin', { period: { from: '2019-05-20', to: '2019-05-20' } });
    expect(may.statusCode).toBe(400);
    expect(may.json().error.details).toMatchObject({ exits: 7, included: 0 });

    // Only the maintained workers: no contrast.
    const second = await post('medecin', { period: { from: '2019-07-01', to: '2019-12-31' } });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.code).toBe('COHORTE_SANS_CONTRASTE');
    expect(second.json().error.message).toContain('maintenus en emploi');
  });

  it('does not count a 12-month follow-up that is not due yet, nor another service’s cases', { timeout: 60_000 }, async () => {
    const due = day(0);
    const exitedDueToday = addMonthsBack(due);
    const before = await post('medecin', { period: { from: exitedDueToday, to: exitedDueToday } });
    const count = (r: typeof before, reason: string) => (r.statusCode === 200 ? r.json().service : r.json().error.details).excluded.find((e: { reason: string }) => e.reason === reason).count;
    const tomorrowExit = shift(exitedDueToday, 1);
    const beforeTomorrow = await post('medecin', { period: { from: tomorrowExit, to: tomorrowExit } });
    await scene('demo', [
      { exitedAt: exitedDueToday, twelve: null, assessments: [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 }] },
      { exitedAt: tomorrowExit, twelve: null, assessments: [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 }] },
    ]);
    const after = await post('medecin', { period: { from: exitedDueToday, to: exitedDueToday } });
    expect(count(after, 'suivi_12_mois_non_renseigne') - count(before, 'suivi_12_mois_non_renseigne')).toBe(1);
    const afterTomorrow = await post('medecin', { period: { from: tomorrowExit, to: tomorrowExit } });
    expect(count(afterTomorrow, 'suivi_12_mois_non_echu') - count(beforeTomorrow, 'suivi_12_mois_non_echu')).toBe(1);

    // Another service: its 2019 cases never reach the demo's cohort, and the reverse.
    const demo2019 = (await post('medecin', { period: Y2019 })).json().service;
    await scene('autre', [
      ...Array.from({ length: 10 }, (_, i) => ({ exitedAt: '2019-04-04', twelve: EVENTS[i % 4], assessments: [{ signedAt: '2019-01-10T10:00:00Z', cimF: 1 as const }] })),
      ...Array.from({ length: 10 }, (_, i) => ({ exitedAt: '2019-04-04', twelve: KEPT[i % 5], assessments: [{ signedAt: '2019-01-10T10:00:00Z', cimF: 0 as const }] })),
    ]);
    expect((await post('medecin', { period: Y2019 })).json().service).toEqual(demo2019);
    const other = await post('autre', { period: Y2019 });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().service).toMatchObject({ exits: 20, included: 20, events: 10 });
  });

  it('refuses too small a cohort with a French message and the counts (400, never 500), and audits every run with counts only', async () => {
    const res = await post('medecin', { period: { from: '2018-01-01', to: '2018-12-31' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('COHORTE_TROP_PETITE');
    expect(res.json().error.message).toContain('au moins 10 salariés');
    expect(res.json().error.details).toMatchObject({ exits: 0, workers: 0, included: 0 });
    const events = await db().selectFrom('audit_event').select(['details', 'category']).where('action', '=', 'risk.evaluation.run').execute();
    const service = events.filter((e) => (e.details as { source?: string }).source === 'dossiers_du_service');
    expect(service.length).toBeGreaterThanOrEqual(5);
    expect(service.some((e) => (e.details as { refused?: string }).refused === 'COHORTE_TROP_PETITE')).toBe(true);
    for (const e of service) {
      expect(e.category).toBe('sensitive');
      expect(Object.keys(e.details as object).sort()).toEqual(expect.arrayContaining(['events', 'excluded', 'workers']));
      for (const [k, v] of Object.entries(e.details as object)) {
        if (k === 'excluded') expect(Object.values(v as object).every((n) => typeof n === 'number')).toBe(true);
        else expect(['number', 'string'].includes(typeof v) || v === null, k).toBe(true);
      }
      expect(JSON.stringify(e.details)).not.toMatch(/cim_f|features|worker_id|[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });

  it('answers bad input with stable codes', async () => {
    const cases: [object, string][] = [
      [{ period: { from: '2019-13-01' } }, 'DATE_INVALIDE'],
      [{ period: { to: '31/12/2019' } }, 'DATE_INVALIDE'],
      [{ period: { from: '2019-12-31', to: '2019-01-01' } }, 'PERIODE_INVALIDE'],
      [{ model: '{ pas du json' }, 'MODELE_SANTE_INVALIDE'],
    ];
    for (const [body, code] of cases) {
      const res = await post('medecin', body);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
  });

  it("evaluates with the model the service's index uses, unless another model file is given", async () => {
    expect((await post('medecin')).json().report.model.id).toBe('dossier-sante');
    const installed = await as(t.app, s.medecin).put('/api/v1/settings/risk-model', { content: cimFModel(), fileName: 'cim-f-seul.json' });
    expect(installed.statusCode, installed.body).toBe(200);
    try {
      expect((await post('medecin')).json().report.model).toMatchObject({ id: 'cim-f-seul', version: '0.0.1' });
      const m = JSON.parse(readFileSync('models/health-record/default-v1.json', 'utf8'));
      const given = await post('medecin', { model: JSON.stringify({ ...m, id: 'fichier-donne', version: '9.9.9' }) });
      expect(given.json().report.model).toMatchObject({ id: 'fichier-donne', version: '9.9.9' });
    } finally {
      expect((await as(t.app, s.medecin).del('/api/v1/settings/risk-model')).statusCode).toBe(200);
    }
    expect((await post('medecin')).json().report.model.id).toBe('dossier-sante');
  });

  it('is open to the roles holding risk.evaluate only', async () => {
    for (const who of ['infirmier', 'admin']) expect((await post(who, { period: Y2019 })).statusCode, who).toBe(200);
    for (const who of ['social', 'charge-mission', 'assistant', 'employeur', 'cpam', 'salarie']) {
      const res = await post(who, { period: Y2019 });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('ACCES_REFUSE');
    }
    expect((await t.app.inject({ method: 'POST', url: URL, payload: {} })).statusCode).toBe(401);
  });
});

/** The exit day whose 12-month follow-up falls due on `due` (for a day that is not the end of a longer month). */
function addMonthsBack(due: string): string {
  const [y, m, d] = due.split('-').map(Number);
  const back = `${y - 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  expect(addMonths(back, 12)).toBe(due);
  return back;
}
