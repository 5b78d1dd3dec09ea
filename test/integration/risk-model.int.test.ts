/**
 * The service's health-record model (docs/risk-index.md, contract C3) through the HTTP API on a
 * real database: installing a model file (a calibrated one, a hand-written validated one) changes
 * the worker page's suggestion and its model block, the signature stores the model, bulk scoring
 * records it; bad files are refused with a stable code; reset goes back to the default model;
 * only risk.configure may change it, health professionals may read it; changes are audited.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortCsv, parseCohortCsv } from '../../src/domain/risk/evaluation/cohort';
import { calibrateHealthModel } from '../../src/domain/risk/evaluation/calibrate';
import { DEFAULT_HEALTH_MODEL } from '../../src/domain/risk/health-model';
import { scoreAll } from '../../src/services/risk/assessment/score-all';
import { generateCohort } from '../../src/services/risk/evaluation/cohort-generator';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'admin', 'social', 'charge-mission', 'assistant', 'employeur', 'carsat', 'salarie'];
const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
let tenantId = '';
let workerId = '';
const URL = '/api/v1/settings/risk-model';

/** A validated model with a high intercept: every worker's health component lands at level 3. */
const STRONG = {
  id: 'mon-service',
  version: '2026.1',
  label: 'Modèle du service — essai',
  validated: true,
  source: 'Écrit à la main pour le test.',
  intercept: 3,
  coefficients: { cim_f: 0.8, arret_180j_plus: 1.2 },
  thresholds: [0.1, 0.25, 0.5],
  calibratedOn: { cohort: 'cohorte-test.csv', n: 1000, events: 150, at: '2026-01-15' },
};

function calibratedModel() {
  const rows = parseCohortCsv(cohortCsv(generateCohort({ workers: 800, seed: 7 }))).rows;
  return calibrateHealthModel(rows, { id: DEFAULT_HEALTH_MODEL.id, version: 'calibre-20260115', cohortName: 'cohorte-7.csv', at: '2026-01-15', thresholds: DEFAULT_HEALTH_MODEL.thresholds }).model;
}

const riskOf = async () => {
  const res = await api('medecin').get(`/api/v1/workers/${workerId}/risk`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await startTestApp({ modules: true });
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
  tenantId = (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  const row = await db().selectFrom('dossier').select('worker_id').where('tenant_id', '=', tenantId).orderBy('reference').executeTakeFirstOrThrow();
  workerId = row.worker_id;
});
afterAll(() => t?.close());

describe('the service health model', () => {
  it('is the default model at first, readable by health professionals and the administrator', async () => {
    for (const who of ['medecin', 'infirmier', 'admin']) {
      const res = await api(who).get(URL);
      expect(res.statusCode, who).toBe(200);
      const m = res.json();
      expect(m).toMatchObject({ isDefault: true, installedAt: null, installedBy: null, mayConfigure: who !== 'infirmier' });
      expect(m.model).toMatchObject({ id: 'dossier-sante', version: '1.0.0', validated: false, warning: 'modèle non validé', calibratedOn: null });
      expect(m.coefficients).toHaveLength(Object.keys(DEFAULT_HEALTH_MODEL.coefficients).length);
      expect(m.coefficients[0]).toMatchObject({ name: 'sexe_femme', label: 'Femme', coefficient: 0.1, oddsRatio: Math.round(Math.exp(0.1) * 1e4) / 1e4 });
    }
    for (const who of ['social', 'charge-mission', 'assistant', 'employeur', 'carsat', 'salarie']) {
      const res = await api(who).get(URL);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('ACCES_REFUSE');
    }
  });

  it('only risk.configure roles install or reset a model (others 403)', async () => {
    for (const who of ['infirmier', 'social', 'charge-mission', 'assistant', 'employeur', 'carsat', 'salarie']) {
      const put = await api(who).put(URL, { content: JSON.stringify(STRONG), fileName: 'x.json' });
      expect(put.statusCode, who).toBe(403);
      expect((await api(who).del(URL)).statusCode, who).toBe(403);
    }
    expect((await api('medecin').get(URL)).json().isDefault).toBe(true);
  });

  it('refuses bad files with MODELE_SANTE_INVALIDE and a French message, never 500', async () => {
    const cases: [unknown, RegExp][] = [
      ['pas du json', /JSON valide/],
      ['', /JSON valide/],
      ['[1, 2]', /objet JSON/],
      [JSON.stringify({ ...STRONG, coefficients: { pointure: 1 } }), /Variable inconnue.*pointure/],
      [JSON.stringify({ ...STRONG, thresholds: [0.5, 0.25, 0.1] }), /strictement croissants/],
      [JSON.stringify({ ...STRONG, validated: 'oui' }), /validated/],
      [JSON.stringify({ ...STRONG, id: '' }), /« id »/],
      [JSON.stringify({ ...STRONG, calibratedOn: { cohort: 'x' } }), /calibratedOn/],
    ];
    for (const [content, message] of cases) {
      const res = await api('medecin').put(URL, { content, fileName: 'mauvais.json' });
      expect(res.statusCode, String(content)).toBe(400);
      expect(res.json().error.code).toBe('MODELE_SANTE_INVALIDE');
      expect(res.json().error.message).toMatch(message);
    }
    const tooLong = await api('admin').put(URL, { content: ' '.repeat(200_001) });
    expect(tooLong.json().error.code).toBe('MODELE_SANTE_INVALIDE');
    const noContent = await api('admin').put(URL, { fileName: 'x.json' });
    expect(noContent.statusCode).toBe(400);
    expect((await api('medecin').get(URL)).json().isDefault).toBe(true);
  });

  it('a calibrated model (maintien risk calibrate) is installed, shown and used by the worker page', async () => {
    const model = calibratedModel();
    const before = await riskOf();
    expect(before.suggestion.model).toMatchObject({ id: 'dossier-sante', version: '1.0.0', validated: false });
    const res = await api('medecin').put(URL, { content: '\uFEFF' + JSON.stringify(model, null, 2), fileName: 'mon-service-2026.json' });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ isDefault: false, installedBy: 'Dr Claire Lemaire', fileName: 'mon-service-2026.json' });
    expect(m.installedBy).not.toBeNull();
    expect(m.model).toMatchObject({ id: 'dossier-sante', version: 'calibre-20260115', validated: false, warning: 'modèle non validé', calibratedOn: { cohort: 'cohorte-7.csv', n: 800 } });
    const cimF = m.coefficients.find((c: { name: string }) => c.name === 'cim_f');
    expect(cimF.oddsRatio).toBeCloseTo(Math.exp(model.coefficients.cim_f), 3);
    const after = await riskOf();
    expect(after.suggestion.model).toMatchObject({ id: 'dossier-sante', version: 'calibre-20260115', validated: false, warning: 'modèle non validé' });
    // The infirmier reads the same model in use.
    expect((await api('infirmier').get(URL)).json().model.version).toBe('calibre-20260115');
  });

  it('a validated model changes the suggestion and its model block; a signature stores it; a signer who saw the old suggestion is stopped', async () => {
    const before = await riskOf();
    const res = await api('admin').put(URL, { content: JSON.stringify(STRONG), fileName: 'essai.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: false, installedBy: 'Marc Delattre', model: { id: 'mon-service', version: '2026.1', validated: true, warning: null } });
    const after = await riskOf();
    expect(after.suggestion.model).toMatchObject({ id: 'mon-service', version: '2026.1', validated: true, warning: null });
    const health = after.suggestion.components.find((c: { key: string }) => c.key === 'sante');
    expect(health.level).toBe(3);
    expect(after.suggestion.notes.join(' ')).not.toMatch(/modèle non validé/);
    expect(after.suggestion.suggestedLevel).toBeGreaterThanOrEqual(before.suggestion.suggestedLevel);

    if (after.suggestion.suggestedLevel !== before.suggestion.suggestedLevel) {
      const stale = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { finalLevel: before.suggestion.suggestedLevel, inaptitudeRiskLevel: 0, seenSuggestedLevel: before.suggestion.suggestedLevel });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('SUGGESTION_MODIFIEE');
    }
    const signed = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { finalLevel: after.suggestion.suggestedLevel, inaptitudeRiskLevel: 1, seenSuggestedLevel: after.suggestion.suggestedLevel });
    expect(signed.statusCode).toBe(201);
    const row = await db().selectFrom('risk_assessment').select(['inputs', 'suggested_level']).where('id', '=', signed.json().id).executeTakeFirstOrThrow();
    expect((row.inputs as { model: object }).model).toMatchObject({ id: 'mon-service', version: '2026.1', validated: true });
    expect(row.suggested_level).toBe(after.suggestion.suggestedLevel);
  });

  it('bulk scoring uses the service model and records it in risk_score_run', async () => {
    const r = await scoreAll(t.database, tenantId);
    const run = await db().selectFrom('risk_score_run').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ model_id: 'mon-service', model_version: '2026.1', model_validated: true, workers: r.workers });
    // Every health probability is at least the intercept's: the strong model was used.
    const low = await sql<{ n: number }>`select count(*)::int as n from risk_score where tenant_id = ${tenantId} and health_probability < 0.95`.execute(db());
    expect(low.rows[0].n).toBe(0);
  });

  it('every change is audited as a configuration change, without health data', async () => {
    const events = await db()
      .selectFrom('audit_event')
      .select(['category', 'details', 'subject_type'])
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'settings.update')
      .where(sql<boolean>`details->>'key' = 'risk_health_model'`)
      .orderBy('seq')
      .execute();
    expect(events.length).toBe(2);
    expect(events.every((e) => e.category === 'administrative' && e.subject_type === 'tenant_setting')).toBe(true);
    expect(events.map((e) => (e.details as { modelId: string }).modelId)).toEqual(['dossier-sante', 'mon-service']);
  });

  it('reset goes back to the default model everywhere', async () => {
    const res = await api('medecin').del(URL);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: true, installedBy: null, model: { id: 'dossier-sante', version: '1.0.0', validated: false, warning: 'modèle non validé' } });
    expect((await riskOf()).suggestion.model).toMatchObject({ id: 'dossier-sante', version: '1.0.0', validated: false });
    await scoreAll(t.database, tenantId);
    const run = await db().selectFrom('risk_score_run').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ model_id: 'dossier-sante', model_version: '1.0.0', model_validated: false });
    const audit = await db().selectFrom('audit_event').select('details').where('action', '=', 'settings.update').where(sql<boolean>`details->>'key' = 'risk_health_model'`).orderBy('seq').execute();
    expect(audit.at(-1)!.details).toMatchObject({ reset: true });
    // A second reset changes nothing and writes no event.
    expect((await api('medecin').del(URL)).statusCode).toBe(200);
    expect(await db().selectFrom('audit_event').select('seq').where('action', '=', 'settings.update').where(sql<boolean>`details->>'key' = 'risk_health_model'`).execute()).toHaveLength(audit.length);
  });
});
