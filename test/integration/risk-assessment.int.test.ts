/**
 * The risk index (docs/risk-index.md) through the HTTP API on a real database: suggestion with its
 * three components, the health-record profile, signing with its rules, who may read what (cell,
 * worker, consented partner, never the employer), orientation decisions and the service settings.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'social', 'assistant', 'admin', 'carsat', 'employeur', 'salarie'];
const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
let tenantId = '';
let workerId = '';
let dossierId = '';
let companyId = '';

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
  tenantId = (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  // The subject: a worker of the employer's company with a dossier (the employer must be refused).
  companyId = s.employeur.me.user.companyId!;
  const row = await db()
    .selectFrom('dossier as d')
    .innerJoin('employment as e', (j) => j.onRef('e.worker_id', '=', 'd.worker_id').onRef('e.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.worker_id'])
    .where('e.company_id', '=', companyId)
    .where('e.end_date', 'is', null)
    .orderBy('d.reference')
    .executeTakeFirstOrThrow();
  dossierId = row.id;
  workerId = row.worker_id;
  // No consent of the subject for the Carsat at the start.
  await db().deleteFrom('consent').where('worker_id', '=', workerId).execute();
});
afterAll(() => t?.close());

async function insertResponse(r: { questionnaire: 'wai' | 'wai_court' | 'employeur'; score: number; category: string | null; answers?: object; worker?: string | null; company?: string | null; at: string }) {
  await sql`insert into questionnaire_response (tenant_id, questionnaire, version, worker_id, company_id, respondent, status, answers, score, category, started_at, completed_at, updated_at)
    values (${tenantId}, ${r.questionnaire}, 1, ${r.worker ?? null}, ${r.company ?? null}, ${r.questionnaire === 'employeur' ? 'employeur' : 'salarie'}, 'complete',
            ${JSON.stringify(r.answers ?? {})}::jsonb, ${r.score}, ${r.category}, ${r.at}, ${r.at}, ${r.at})`.execute(db());
}

const riskOf = async (who = 'medecin') => (await api(who).get(`/api/v1/workers/${workerId}/risk`)).json();

describe('suggestion and components', () => {
  it('a health professional reads the suggestion; missing components are said; the default model is « modèle non validé »; the read is audited as medical', async () => {
    const before = Number((await db().selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).where('action', '=', 'risk.read').executeTakeFirstOrThrow()).n);
    const res = await api('medecin').get(`/api/v1/workers/${workerId}/risk`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.suggestion.algorithmId).toBe('maintien-irdp');
    expect(r.suggestion.model).toMatchObject({ id: 'dossier-sante', validated: false, warning: 'modèle non validé' });
    expect(r.suggestion.missing).toEqual(['questionnaire', 'employeur']);
    expect(r.suggestion.notes.join(' ')).toMatch(/Suggestion calculée sans/);
    expect(r.current).toBeNull();
    const audit = await db().selectFrom('audit_event').select(['category', 'subject_id']).where('action', '=', 'risk.read').execute();
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1)).toMatchObject({ category: 'medical', subject_id: workerId });
  });

  it('the health profile: bad values refused with a stable code, good ones change the contributions', async () => {
    const bad = await api('infirmier').put(`/api/v1/workers/${workerId}/health-profile`, { csp: 'astronaute', cimChapters: [], exposures: [], ald: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CSP_INCONNUE');
    const badCim = await api('infirmier').put(`/api/v1/workers/${workerId}/health-profile`, { csp: null, cimChapters: ['Z'], exposures: [], ald: false });
    expect(badCim.json().error.code).toBe('CHAPITRE_CIM_INCONNU');
    const ok = await api('infirmier').put(`/api/v1/workers/${workerId}/health-profile`, { csp: 'ouvrier', cimChapters: ['M', 'F'], exposures: ['port_charges'], ald: false });
    expect(ok.statusCode).toBe(200);
    const r = await riskOf();
    expect(r.profile).toMatchObject({ csp: 'ouvrier', cimChapters: ['M', 'F'], exposures: ['port_charges'] });
    const texts = r.suggestion.contributions.map((c: { text: string }) => c.text);
    expect(texts).toContain('Ouvrier : +0,5');
    expect(texts).toContain('Affection ostéo-articulaire (CIM chapitre M) : +0,9');
  });

  it('the latest complete WAI and the employer assessment of the current company become components', async () => {
    await insertResponse({ questionnaire: 'wai', score: 40, category: 'bon', worker: workerId, at: '2026-01-10T10:00:00Z' });
    await insertResponse({ questionnaire: 'wai', score: 24, category: 'mauvais', worker: workerId, at: '2026-03-10T10:00:00Z' });
    await insertResponse({ questionnaire: 'employeur', score: 80, category: 'tres_eleve', company: companyId, at: '2026-02-01T10:00:00Z' });
    const r = await riskOf();
    expect(r.suggestion.missing).toEqual([]);
    const q = r.suggestion.components.find((c: { key: string }) => c.key === 'questionnaire');
    expect(q).toMatchObject({ present: true, level: 3, alarm: true, summary: 'WAI 24 (mauvais)' });
    const e = r.suggestion.components.find((c: { key: string }) => c.key === 'employeur');
    expect(e).toMatchObject({ present: true, level: 3 });
    expect(r.suggestion.suggestedLevel).toBeGreaterThanOrEqual(2);
  });
});

describe('signing', () => {
  it('refuses a level out of range, a different level without rationale, and a stale suggestion', async () => {
    const { suggestion } = await riskOf();
    const other = suggestion.suggestedLevel === 3 ? 1 : 3;
    const out = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { finalLevel: 4, inaptitudeRiskLevel: 0 });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.code).toBe('NIVEAU_INVALIDE');
    const noWhy = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { finalLevel: other, inaptitudeRiskLevel: 1, rationale: '  ' });
    expect(noWhy.statusCode).toBe(400);
    expect(noWhy.json().error).toMatchObject({ code: 'JUSTIFICATION_REQUISE', field: 'rationale' });
    const stale = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { finalLevel: suggestion.suggestedLevel, inaptitudeRiskLevel: 0, seenSuggestedLevel: (suggestion.suggestedLevel + 1) % 4 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('SUGGESTION_MODIFIEE');
    expect((await riskOf()).history).toHaveLength(0);
  });

  it('signs the suggestion, then a new assessment supersedes it; each keeps algorithm, inputs and sub-scores', async () => {
    const { suggestion } = await riskOf();
    const first = await api('infirmier').post(`/api/v1/workers/${workerId}/risk/assessments`, { dossierId, finalLevel: suggestion.suggestedLevel, inaptitudeRiskLevel: 1, seenSuggestedLevel: suggestion.suggestedLevel });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ finalLevel: suggestion.suggestedLevel, suggestedLevel: suggestion.suggestedLevel, algorithmId: 'maintien-irdp', algorithmVersion: '1.0.0' });
    const second = await api('medecin').post(`/api/v1/workers/${workerId}/risk/assessments`, { dossierId, finalLevel: 3, inaptitudeRiskLevel: 3, rationale: 'Entretien : restrictions majeures, reprise au poste compromise.' });
    expect(second.statusCode).toBe(201);
    const r = await riskOf();
    expect(r.history).toHaveLength(2);
    expect(r.current).toMatchObject({ id: second.json().id, finalLevel: 3, finalLevelLabel: 'Risque élevé', inaptitudeRiskLevel: 3 });
    const row = await db().selectFrom('risk_assessment').selectAll().where('id', '=', second.json().id).executeTakeFirstOrThrow();
    expect(row.inputs).toMatchObject({ features: { csp_ouvrier: 1, cim_m: 1 }, questionnaire: { questionnaire: 'wai', score: 24 }, employer: { category: 'tres_eleve' }, model: { validated: false } });
    expect((row.sub_scores as { key: string }[]).map((x) => x.key)).toEqual(['sante', 'questionnaire', 'employeur']);
    const entry = await db().selectFrom('timeline_entry').select(['category', 'body']).where('dossier_id', '=', dossierId).where('kind', '=', 'risk').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(entry.category).toBe('sensitive');
    expect(entry.body).toMatch(/^Niveau retenu : 3/);
  });

  it('only médecin and infirmier sign or read the components', async () => {
    for (const who of ['social', 'assistant', 'admin', 'employeur', 'carsat', 'salarie']) {
      expect((await api(who).get(`/api/v1/workers/${workerId}/risk`)).statusCode, who).toBe(403);
      expect((await api(who).post(`/api/v1/workers/${workerId}/risk/assessments`, { finalLevel: 0, inaptitudeRiskLevel: 0 })).statusCode, who).toBe(403);
    }
  });
});

describe('who sees the level', () => {
  const shared = (who: string) => api(who).get(`/api/v1/dossiers/${dossierId}/risk/shared-level`);

  it('the cell sees the final level (contract C2); the employer never', async () => {
    const r = await shared('social');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ finalLevel: 3, levelLabel: 'Risque élevé' });
    expect((await shared('employeur')).statusCode).toBe(403);
    expect((await shared('employeur')).json().error.code).toBe('ACCES_REFUSE');
    expect((await api('employeur').get(`/api/v1/dossiers/${dossierId}/risk`)).statusCode).toBeGreaterThanOrEqual(403);
  });

  it('a partner only with a current consent of the worker naming its organisation', async () => {
    expect((await shared('carsat')).statusCode).toBe(403);
    await db().insertInto('consent').values({ tenant_id: tenantId, worker_id: workerId, purpose: 'partage_dossier', recipient_organisation_id: s.carsat.me.user.organisation.id, recorded_by: null }).execute();
    const r = await shared('carsat');
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json()).sort()).toEqual(['finalLevel', 'levelLabel', 'signedAt']);
    expect(r.json().finalLevel).toBe(3);
    await db().updateTable('consent').set({ withdrawn_at: new Date() }).where('worker_id', '=', workerId).execute();
    expect((await shared('carsat')).statusCode).toBe(403);
  });

  it('the worker sees his own final level with a plain explanation', async () => {
    const own = await api('salarie').get('/api/v1/me/risk');
    expect(own.statusCode).toBe(200);
    const mineId = s.salarie.me.user.workerId;
    if (mineId === workerId) expect(own.json().finalLevel).toBe(3);
    else expect(own.json().finalLevel).toBeNull();
    expect((await api('medecin').get('/api/v1/me/risk')).statusCode).toBe(403);
  });
});

describe('orientation support', () => {
  const decide = (who: string, body: object) => api(who).post(`/api/v1/dossiers/${dossierId}/orientation/decisions`, body);

  it('the case page shows the level and the suggestions: T4 and the service social as chef de file for level 3 with inaptitude 3', async () => {
    const r = (await api('social').get(`/api/v1/dossiers/${dossierId}/risk`)).json();
    expect(r.current).toMatchObject({ finalLevel: 3, inaptitudeRiskLevel: 3 });
    const byKind = (k: string) => r.suggestions.filter((x: { kind: string }) => x.kind === k).map((x: { value: string }) => x.value);
    expect(byKind('pyramide')).toEqual(['T4']);
    expect(byKind('chef_de_file')).toEqual(['service_social_am']);
    expect(byKind('intervenant')).toEqual(expect.arrayContaining(['staff_pluridisciplinaire', 'psychologue', 'ergonome']));
    expect(r.mayDecide).toBe(true);
  });

  it('accepting the pyramide level sets the dossier fragility level; declining needs a reason; a decision is taken once', async () => {
    expect((await decide('assistant', { kind: 'pyramide', value: 'T4', decision: 'acceptee' })).statusCode).toBe(403);
    const ok = await decide('social', { kind: 'pyramide', value: 'T4', decision: 'acceptee' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().fragilityLevel).toBe('T4');
    expect((await db().selectFrom('dossier').select('fragility_level').where('id', '=', dossierId).executeTakeFirstOrThrow()).fragility_level).toBe('T4');
    expect((await decide('social', { kind: 'pyramide', value: 'T4', decision: 'acceptee' })).json().error.code).toBe('DEJA_DECIDEE');
    const noReason = await decide('social', { kind: 'chef_de_file', value: 'service_social_am', decision: 'refusee' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('MOTIF_REQUIS');
    const declined = await decide('social', { kind: 'chef_de_file', value: 'service_social_am', decision: 'refusee', reason: 'Le salarié refuse l’accompagnement du service social.' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().decisions.map((d: { decision: string }) => d.decision)).toEqual(['refusee', 'acceptee']);
    const unknown = await decide('social', { kind: 'intervenant', value: 'plombier', decision: 'acceptee' });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().error.code).toBe('SUGGESTION_INCONNUE');
  });

  it('the service edits its decision tree (risk.configure): invalid refused, valid applied, null resets', async () => {
    expect((await api('infirmier').get('/api/v1/settings/risk-orientation')).statusCode).toBe(403);
    const cur = (await api('medecin').get('/api/v1/settings/risk-orientation')).json();
    expect(cur.isDefault).toBe(true);
    const bad = await api('medecin').put('/api/v1/settings/risk-orientation', { config: { ...cur.config, chefDeFile: { T1: 'moi' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CONFIGURATION_ORIENTATION_INVALIDE');
    // Every problem with its path in the configuration, for the form to show it next to the field.
    expect(bad.json().error.field).toBe('chefDeFile.T1');
    expect(bad.json().error.details.errors.map((e: { field: string }) => e.field)).toEqual(['chefDeFile.T1', 'chefDeFile.T2', 'chefDeFile.T3a', 'chefDeFile.T3b', 'chefDeFile.T4']);
    const badRule = await api('medecin').put('/api/v1/settings/risk-orientation', { config: { ...cur.config, rules: [...cur.config.rules, { id: 'nouvelle', label: '', when: { minFinalLevel: 2, maxFinalLevel: 1 }, involve: [] }] } });
    expect(badRule.json().error).toMatchObject({ code: 'CONFIGURATION_ORIENTATION_INVALIDE', field: `rules.${cur.config.rules.length}.label` });
    expect(badRule.json().error.details.errors.map((e: { field: string }) => e.field)).toEqual([`rules.${cur.config.rules.length}.label`, `rules.${cur.config.rules.length}.involve`, `rules.${cur.config.rules.length}.when.maxFinalLevel`]);
    const config = { ...cur.config, rules: [{ id: 'tous', label: 'Toujours : assistant social', when: {}, involve: ['assistant_social'] }], chefDeFile: { ...cur.config.chefDeFile, T4: 'cellule_pdp' } };
    expect((await api('admin').put('/api/v1/settings/risk-orientation', { config })).statusCode).toBe(200);
    const r = (await api('social').get(`/api/v1/dossiers/${dossierId}/risk`)).json();
    expect(r.suggestions.map((x: { value: string }) => x.value)).toEqual(['assistant_social', 'T4', 'cellule_pdp']);
    const reset = await api('medecin').put('/api/v1/settings/risk-orientation', { config: null });
    expect(reset.json().isDefault).toBe(true);
  });
});
