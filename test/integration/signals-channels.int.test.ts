/**
 * The other signals (docs/signals.md): employer declarations of arrêts > 30 days (form and CSV),
 * fiches de liaison of the médecin conseil with the cell's answer, saisines, and the cell's
 * signal lists — through the HTTP API on a real database, with every access refusal.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCtx } from '../../src/services/context';
import { declareArret } from '../../src/services/intake/declaration-creator';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'social', 'assistant', 'admin', 'charge-mission', 'cpam', 'carsat', 'service-medical', 'employeur', 'salarie'];

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;

/** Civil date in Paris, `n` days from today. */
function day(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
}
const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

interface W {
  id: string;
  nir: string | null;
  birth_name: string;
  usage_name: string | null;
  first_names: string;
  birth_date: string;
}

const tenantId = async () => (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;

/** Current workers of the employer's company without any open dossier (fresh subjects). */
async function freeCompanyWorkers(): Promise<W[]> {
  const companyId = s.employeur.me.user.companyId!;
  return db()
    .selectFrom('employment as e')
    .innerJoin('worker as w', (j) => j.onRef('w.id', '=', 'e.worker_id').onRef('w.tenant_id', '=', 'e.tenant_id'))
    .select(['w.id', 'w.nir', 'w.birth_name', 'w.usage_name', 'w.first_names', 'w.birth_date'])
    .where('e.company_id', '=', companyId)
    .where('e.end_date', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'w.id').where('d.state', 'in', ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']))),
    )
    .orderBy('w.birth_name')
    .execute();
}

/** Followed workers outside the employer's company, without open dossier. */
async function otherWorkers(): Promise<W[]> {
  const companyId = s.employeur.me.user.companyId!;
  return db()
    .selectFrom('worker as w')
    .select(['w.id', 'w.nir', 'w.birth_name', 'w.usage_name', 'w.first_names', 'w.birth_date'])
    .where('w.nir', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('employment as e').select('e.id').whereRef('e.worker_id', '=', 'w.id').where('e.company_id', '=', companyId))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'w.id').where('d.state', 'in', ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']))),
    )
    .orderBy('w.birth_name')
    .limit(30)
    .execute();
}

const count = async (table: 'signal' | 'employer_declaration' | 'vpr_orientation' | 'saisine' | 'arret' | 'dossier') =>
  Number((await db().selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

async function openDossiersOf(workerId: string) {
  return db().selectFrom('dossier').select(['id', 'state']).where('worker_id', '=', workerId).where('state', 'in', ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']).execute();
}

/**
 * Issue 14: a signal about a worker without an open dossier waits « À qualifier » (no dossier);
 * the cell opens the dossier from the triage — what this file did through the signal before.
 */
async function qualify(workerId: string): Promise<{ id: string; reference: string }> {
  const item = await db().selectFrom('triage_item').select('id').where('worker_id', '=', workerId).where('status', '=', 'a_qualifier').executeTakeFirstOrThrow();
  const r = await api('charge-mission').post('/api/v1/triage/decisions', { action: 'ouvrir', ids: [item.id] });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().dossiers[0];
}

let companyWorkers: W[] = [];
let others: W[] = [];
beforeAll(async () => {
  companyWorkers = await freeCompanyWorkers();
  others = await otherWorkers();
  expect(companyWorkers.length).toBeGreaterThanOrEqual(6);
  expect(others.length).toBeGreaterThanOrEqual(10);
});

describe('employer declarations (form)', () => {
  it('refuses an arrêt of 30 days and accepts 31 days (boundary), with a French message', async () => {
    const w = companyWorkers[0];
    const start = day(-5);
    const end30 = day(-5 + 29);
    const r30 = await api('employeur').post('/api/v1/employer/declarations', { workerId: w.id, startDate: fr(start), expectedEndDate: fr(end30), nature: 'maladie' });
    expect(r30.statusCode).toBe(400);
    expect(r30.json().error).toMatchObject({ code: 'ARRET_TROP_COURT', field: 'expectedEndDate' });
    expect(r30.json().error.message).toContain('plus de 30 jours');

    const before = await count('signal');
    const r31 = await api('employeur').post('/api/v1/employer/declarations', { workerId: w.id, startDate: fr(start), expectedEndDate: fr(day(-5 + 30)), nature: 'maladie', workerInformedVpr: true });
    expect(r31.statusCode).toBe(201);
    expect(r31.json()).toMatchObject({ status: 'recue', statusLabel: 'Reçue' });
    expect(await count('signal')).toBe(before + 1);

    const arret = await db().selectFrom('arret').selectAll().where('worker_id', '=', w.id).where('source', '=', 'employeur').executeTakeFirstOrThrow();
    expect(arret).toMatchObject({ start_date: start, expected_end_date: day(25), nature: 'maladie', company_id: s.employeur.me.user.companyId });
    const sig = await db().selectFrom('signal').selectAll().where('arret_id', '=', arret.id).executeTakeFirstOrThrow();
    expect(sig).toMatchObject({ source: 'employeur', kind: 'declaration_arret', consent_given: false, dossier_id: null });
    expect(sig.triage_item_id).not.toBeNull();
    expect(await openDossiersOf(w.id)).toEqual([]);
    const d = await qualify(w.id);
    expect((await openDossiersOf(w.id)).map((x) => x.id)).toEqual([d.id]);
    expect((await db().selectFrom('signal').select('dossier_id').where('id', '=', sig.id).executeTakeFirstOrThrow()).dossier_id).toBe(d.id);
  });

  it('sending the same declaration again changes nothing (409)', async () => {
    const w = companyWorkers[0];
    const before = await Promise.all([count('signal'), count('arret'), count('employer_declaration')]);
    const again = await api('employeur').post('/api/v1/employer/declarations', { workerId: w.id, startDate: day(-5), expectedEndDate: day(40), nature: 'maladie' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DECLARATION_DEJA_RECUE');
    // Typed by name and birth date instead of picked: still the same declaration.
    const typed = await api('employeur').post('/api/v1/employer/declarations', { birthName: w.birth_name.toLowerCase(), firstNames: w.first_names, birthDate: fr(w.birth_date), startDate: day(-5), expectedEndDate: day(40), nature: 'maladie' });
    expect(typed.statusCode).toBe(409);
    expect(await Promise.all([count('signal'), count('arret'), count('employer_declaration')])).toEqual(before);
  });

  it('matches a typed identity to the company worker; keeps an unknown one « À vérifier » for the cell', async () => {
    const w = companyWorkers[1];
    const matched = await api('employeur').post('/api/v1/employer/declarations', { birthName: w.usage_name ?? w.birth_name, firstNames: w.first_names.split(' ')[0], birthDate: fr(w.birth_date), startDate: day(-10), expectedEndDate: day(50), nature: 'accident_travail' });
    expect(matched.statusCode).toBe(201);
    expect(matched.json().status).toBe('recue');
    expect(await db().selectFrom('employer_declaration').select('worker_id').where('id', '=', matched.json().id).executeTakeFirstOrThrow()).toEqual({ worker_id: w.id });

    const signals = await count('signal');
    const unknown = await api('employeur').post('/api/v1/employer/declarations', { birthName: 'Inconnu-Fictif', firstNames: 'Zoé', birthDate: '12/03/1980', startDate: day(-3), expectedEndDate: day(60), nature: 'maternite' });
    expect(unknown.statusCode).toBe(201);
    expect(unknown.json()).toMatchObject({ status: 'a_verifier', statusLabel: 'À vérifier' });
    expect(await count('signal')).toBe(signals); // no worker, no signal yet

    const list = (await api('charge-mission').get('/api/v1/employer-declarations/to-verify')).json();
    const item = list.items.find((i: { id: string }) => i.id === unknown.json().id);
    expect(item).toMatchObject({ birthName: 'Inconnu-Fictif', birthDate: '1980-03-12', natureLabel: 'Maternité', company: { id: s.employeur.me.user.companyId } });

    // The cell attaches it to the right worker: the arrêt and the signal follow.
    const target = companyWorkers[2];
    const attach = await api('charge-mission').post(`/api/v1/employer-declarations/${unknown.json().id}/attach`, { workerId: target.id });
    expect(attach.statusCode).toBe(200);
    expect(await count('signal')).toBe(signals + 1);
    expect(attach.json().dossier).toBeNull(); // « À qualifier » (issue 14)
    const opened = await qualify(target.id);
    expect((await openDossiersOf(target.id)).map((d) => d.id)).toEqual([opened.id]);
    const again = await api('charge-mission').post(`/api/v1/employer-declarations/${unknown.json().id}/attach`, { workerId: target.id });
    expect(again.json().error.code).toBe('DECLARATION_DEJA_RATTACHEE');
    expect((await api('employeur').get('/api/v1/employer/declarations')).json().items.find((i: { id: string }) => i.id === unknown.json().id).statusLabel).toBe('Reçue');
  });

  it('refuses a worker of another company, bad dates and unknown natures', async () => {
    const r = await api('employeur').post('/api/v1/employer/declarations', { workerId: others[0].id, startDate: day(-5), expectedEndDate: day(40), nature: 'maladie' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('SALARIE_INTROUVABLE');
    const w = companyWorkers[3];
    const bad = async (body: Record<string, unknown>) => (await api('employeur').post('/api/v1/employer/declarations', { workerId: w.id, startDate: day(-5), expectedEndDate: day(40), nature: 'maladie', ...body })).json().error;
    expect(await bad({ startDate: '31/02/2026' })).toMatchObject({ code: 'DATE_INVALIDE', field: 'startDate' });
    expect(await bad({ startDate: day(2), expectedEndDate: day(60) })).toMatchObject({ code: 'DATE_FUTURE' });
    expect(await bad({ expectedEndDate: day(-6) })).toMatchObject({ code: 'DATES_INCOHERENTES' });
    expect(await bad({ nature: 'lombalgie' })).toMatchObject({ code: 'NATURE_INCONNUE', field: 'nature' });
    expect(await bad({ workerId: 'pas-un-uuid' })).toMatchObject({ code: 'REQUETE_INVALIDE' });
  });

  it('follows the one threshold of « Règles de détection » (both sides of 45 days)', async () => {
    const setRules = async (values: Record<string, number>) => expect((await api('admin').put('/api/v1/settings/intake-rules', { values })).statusCode).toBe(200);
    await setRules({ preRepriseAfterDays: 45 });
    try {
      const w = companyWorkers[3];
      const declare = (days: number) => api('employeur').post('/api/v1/employer/declarations', { workerId: w.id, startDate: day(-1), expectedEndDate: day(days - 2), nature: 'maladie' });
      expect((await api('employeur').get('/api/v1/employer/declarations')).json().minArretDays).toBe(45);
      const r45 = await declare(45);
      expect(r45.json().error).toMatchObject({ code: 'ARRET_TROP_COURT' });
      expect(r45.json().error.message).toContain('plus de 45 jours');
      const r46 = await declare(46);
      expect(r46.statusCode, r46.body).toBe(201);
      // The same number made the rules propose the visite de pré-reprise for this arrêt (once
      // the cell took the worker on: issue 14).
      await qualify(w.id);
      const tasks = await db().selectFrom('task').select('rule_id').where('worker_id', '=', w.id).execute();
      expect(tasks.map((x) => x.rule_id)).toContain('pre_reprise');
    } finally {
      await setRules({});
    }
    expect((await api('employeur').get('/api/v1/employer/declarations')).json().minArretDays).toBe(30);
  });
});

describe('employer declarations (CSV)', () => {
  it('keeps good lines, reports bad ones, accepts French dates and a BOM; re-sending changes nothing', async () => {
    const [a, b] = [companyWorkers[4], companyWorkers[5]];
    const csv =
      '\uFEFFnom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature\r\n' +
      `${a.birth_name};${a.first_names};${fr(a.birth_date)};${a.nir ?? ''};${fr(day(-20))};${fr(day(30))};maladie\r\n` +
      `${b.birth_name};${b.first_names};${b.birth_date};;${day(-15)};${day(-15 + 29)};maladie\r\n` +
      `${b.birth_name};${b.first_names};${fr(b.birth_date)};;${fr(day(-15))};${fr(day(-15 + 30))};maladie_professionnelle\r\n` +
      `Fictif;Jean;01/13/1970;;${fr(day(-15))};${fr(day(40))};maladie\r\n` +
      `Fictif;Jean;01/01/1970;;${fr(day(-15))};${fr(day(40))};grippe\r\n` +
      `"Nouveau; Fictif";Paul;02/02/1972;;${fr(day(-15))};${fr(day(40))};maladie\r\n`;
    const before = await Promise.all([count('signal'), count('arret'), count('employer_declaration')]);
    const res = await api('employeur').post('/api/v1/employer/declarations/import', { fileName: 'declarations.csv', content: csv });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ lines: 6, accepted: 3, duplicates: 0, rejected: 3, toVerify: 1 });
    expect(r.lines).toBe(r.accepted + r.duplicates + r.rejected);
    expect(r.rejections).toEqual([
      { line: 2, code: 'ARRET_TROP_COURT', field: 'date_fin_prevue', message: expect.stringContaining('30 jours') },
      { line: 4, code: 'DATE_INVALIDE', field: 'date_naissance', message: expect.any(String) },
      { line: 5, code: 'NATURE_INCONNUE', field: 'nature', message: expect.any(String) },
    ]);
    expect(await Promise.all([count('signal'), count('arret'), count('employer_declaration')])).toEqual([before[0] + 2, before[1] + 2, before[2] + 3]);
    expect(await openDossiersOf(a.id)).toHaveLength(0);
    expect((await db().selectFrom('triage_item').select('id').where('worker_id', '=', a.id).where('status', '=', 'a_qualifier').execute()).length).toBe(1);

    const again = (await api('employeur').post('/api/v1/employer/declarations/import', { fileName: 'declarations.csv', content: csv })).json();
    expect(again).toMatchObject({ lines: 6, accepted: 0, duplicates: 3, rejected: 3, duplicateLines: [1, 3, 6] });
    expect(await Promise.all([count('signal'), count('arret'), count('employer_declaration')])).toEqual([before[0] + 2, before[1] + 2, before[2] + 3]);
  });

  it('refuses a file without the expected header with a French message', async () => {
    const res = await api('employeur').post('/api/v1/employer/declarations/import', { content: 'name,first\nx,y\n' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'COLONNES_MANQUANTES', field: 'content' });
  });
});

describe('« Mes déclarations » (employer)', () => {
  it('lists only his company’s declarations, with a status and nothing medical', async () => {
    // A declaration of another company, made by its own employer.
    const other = others[0];
    const otherCompany = await db().selectFrom('employment').select('company_id').where('worker_id', '=', other.id).where('end_date', 'is', null).executeTakeFirstOrThrow();
    const tid = await tenantId();
    const foreign = await withCtx(t.database, { ...s.employeur.me.user, kind: 'user', tenantId: tid, userId: null, tokenId: null, role: 'employer', scopes: [], organisationId: s.employeur.me.user.organisation.id, organisationKind: 'company', companyId: otherCompany.company_id, workerId: null, label: 'Autre employeur' }, (ctx) =>
      declareArret(ctx, { workerId: other.id, startDate: day(-4), expectedEndDate: day(40), nature: 'maladie' }),
    );

    const res = await api('employeur').get('/api/v1/employer/declarations');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; statusLabel: string; workerName: string }[];
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.some((i) => i.id === foreign.id)).toBe(false);
    const ids = new Set((await db().selectFrom('employer_declaration').select('id').where('company_id', '=', s.employeur.me.user.companyId!).execute()).map((r) => r.id));
    expect(items.every((i) => ids.has(i.id))).toBe(true);
    const keys = new Set(items.flatMap((i) => Object.keys(i)));
    for (const k of ['dossier', 'dossierId', 'reason', 'nir', 'state', 'signal', 'diagnosis']) expect(keys.has(k)).toBe(false);
    expect(res.body).not.toMatch(/PDP-\d{4}/);
  });

  it('shows « Prise en charge par la cellule » once the dossier leaves « Signalé »', async () => {
    const w = companyWorkers[0];
    const [d] = await openDossiersOf(w.id);
    const decl = await db().selectFrom('employer_declaration').select('id').where('worker_id', '=', w.id).executeTakeFirstOrThrow();
    const status = async () => (await api('employeur').get('/api/v1/employer/declarations')).json().items.find((i: { id: string }) => i.id === decl.id).statusLabel;
    expect(await status()).toBe('Reçue');
    expect((await api('medecin').post(`/api/v1/dossiers/${d.id}/transitions`, { to: 'a_evaluer' })).statusCode).toBe(200);
    expect(await status()).toBe('Prise en charge par la cellule');
  });

  it('access refusals', async () => {
    const body = { workerId: companyWorkers[0].id, startDate: day(-5), expectedEndDate: day(40), nature: 'maladie' };
    for (const who of ['medecin', 'salarie', 'cpam', 'admin']) {
      expect((await api(who).post('/api/v1/employer/declarations', body)).statusCode).toBe(403);
      expect((await api(who).post('/api/v1/employer/declarations/import', { content: 'x' })).statusCode).toBe(403);
      expect((await api(who).get('/api/v1/employer/declarations')).statusCode).toBe(403);
    }
    for (const who of ['employeur', 'salarie', 'cpam', 'service-medical']) {
      expect((await api(who).get('/api/v1/employer-declarations/to-verify')).statusCode).toBe(403);
      expect((await api(who).post(`/api/v1/employer-declarations/${companyWorkers[0].id}/attach`, { workerId: companyWorkers[0].id })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/employer/declarations' })).statusCode).toBe(401);
  });
});

describe('fiche de liaison (médecin conseil → cell)', () => {
  const fiche = (w: W, extra: Record<string, unknown> = {}) => ({
    nir: w.nir,
    birthName: w.birth_name,
    firstNames: w.first_names,
    birthDate: fr(w.birth_date),
    reason: 'Arrêt long, risque de désinsertion évalué par le service médical.',
    contact: 'Dr Hennebelle — elsm@exemple.test',
    consentGiven: true,
    consentDate: fr(day(-2)),
    ...extra,
  });
  let ficheId = '';
  let dossierId = '';

  it('is refused to partners other than the service médical, and to the cell', async () => {
    for (const who of ['cpam', 'carsat', 'medecin', 'employeur', 'salarie']) {
      const r = await api(who).post('/api/v1/vpr-orientations', fiche(others[1]));
      expect(r.statusCode).toBe(403);
    }
  });

  it('without the worker’s consent: refused, and nothing stored', async () => {
    const before = await Promise.all([count('vpr_orientation'), count('signal'), count('dossier')]);
    const r = await api('service-medical').post('/api/v1/vpr-orientations', fiche(others[1], { consentGiven: false }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'CONSENTEMENT_ABSENT', field: 'consentGiven' });
    expect(await Promise.all([count('vpr_orientation'), count('signal'), count('dossier')])).toEqual(before);
  });

  it('an unknown or mismatching identity is refused, asking to check it', async () => {
    const w = others[1];
    const wrongDate = await api('service-medical').post('/api/v1/vpr-orientations', fiche(w, { birthDate: '01/01/1901' }));
    expect(wrongDate.json().error).toMatchObject({ code: 'SALARIE_NON_IDENTIFIE', field: 'nir' });
    const wrongName = await api('service-medical').post('/api/v1/vpr-orientations', fiche(w, { birthName: 'Autre-Nom' }));
    expect(wrongName.json().error.code).toBe('SALARIE_NON_IDENTIFIE');
    expect(wrongName.json().error.message).toContain("vérifiez l'identité");
  });

  it('a filed fiche becomes a signal in the cell’s worklist; filing it twice is refused', async () => {
    const w = others[1];
    const r = await api('service-medical').post('/api/v1/vpr-orientations', fiche(w));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'en_attente', statusLabel: 'En attente de réponse' });
    ficheId = r.json().id;
    const pending = (await api('charge-mission').get('/api/v1/vpr-orientations?answered=false')).json();
    const item = pending.items.find((i: { id: string }) => i.id === ficheId);
    expect(item).toMatchObject({ status: 'en_attente', worker: { id: w.id }, answer: null, dossier: null });
    dossierId = (await qualify(w.id)).id;
    expect(pending.pending).toBe(pending.total);
    const signals = (await api('charge-mission').get('/api/v1/signals?kind=vpr_orientation')).json();
    expect(signals.items[0]).toMatchObject({ source: 'medecin_conseil', kind: 'vpr_orientation', consentGiven: true, consentDate: day(-2), worker: { id: w.id }, vpr: { id: ficheId, status: 'en_attente' } });
    const again = await api('service-medical').post('/api/v1/vpr-orientations', fiche(w));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('FICHE_DEJA_EN_ATTENTE');
  });

  it('the dossier shows the fiche with the answer form to those who may answer', async () => {
    const body = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/signals`)).json();
    expect(body.signals.some((x: { kind: string }) => x.kind === 'vpr_orientation')).toBe(true);
    expect(body.vprOrientations).toEqual([expect.objectContaining({ id: ficheId, canAnswer: true, status: 'en_attente' })]);
    expect((await api('assistant').get(`/api/v1/dossiers/${dossierId}/signals`)).json().vprOrientations[0].canAnswer).toBe(false);
    for (const who of ['employeur', 'salarie', 'service-medical']) expect((await api(who).get(`/api/v1/dossiers/${dossierId}/signals`)).statusCode).toBe(404);
  });

  it('answer: recommendations refused without the non-objection; recorded once with it', async () => {
    for (const who of ['assistant', 'social', 'service-medical', 'employeur']) {
      expect((await api(who).post(`/api/v1/vpr-orientations/${ficheId}/answer`, { outcome: 'injoignable' })).statusCode).toBe(403);
    }
    const noObj = await api('medecin').post(`/api/v1/vpr-orientations/${ficheId}/answer`, { outcome: 'vpr_realisee', vprDate: fr(day(-1)), recommendations: 'Aménagement du poste : pas de port de charges.' });
    expect(noObj.statusCode).toBe(400);
    expect(noObj.json().error).toMatchObject({ code: 'NON_OPPOSITION_REQUISE', field: 'recommendations' });
    const noDate = await api('medecin').post(`/api/v1/vpr-orientations/${ficheId}/answer`, { outcome: 'vpr_realisee' });
    expect(noDate.json().error).toMatchObject({ code: 'DATE_INVALIDE', field: 'vprDate' });

    const ok = await api('medecin').post(`/api/v1/vpr-orientations/${ficheId}/answer`, { outcome: 'vpr_realisee', vprDate: fr(day(-1)), nonObjection: true, recommendations: 'Aménagement du poste : pas de port de charges.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'vpr_realisee', statusLabel: 'VPR réalisée' });
    const twice = await api('infirmier').post(`/api/v1/vpr-orientations/${ficheId}/answer`, { outcome: 'injoignable' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('FICHE_DEJA_REPONDUE');

    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    const entry = page.timeline.find((e: { kind: string; title: string }) => e.kind === 'vpr');
    expect(entry).toMatchObject({ category: 'administrative', title: 'Réponse à la fiche de liaison du médecin conseil' });
    expect(entry.body).toContain('VPR réalisée le');
    expect(entry.body).not.toContain('port de charges');
    expect((await api('charge-mission').get('/api/v1/vpr-orientations?answered=false')).json().items.some((i: { id: string }) => i.id === ficheId)).toBe(false);
  });

  it('the médecin conseil sees his fiches and the answer — recommendations only with the non-objection', async () => {
    const w = others[2];
    const r = await api('service-medical').post('/api/v1/vpr-orientations', fiche(w));
    expect(r.statusCode).toBe(201);
    expect((await api('charge-mission').post(`/api/v1/vpr-orientations/${r.json().id}/answer`, { outcome: 'vpr_realisee', vprDate: day(0), nonObjection: false })).statusCode).toBe(200);

    const mine = (await api('service-medical').get('/api/v1/partner/vpr-orientations')).json();
    const first = mine.items.find((i: { id: string }) => i.id === ficheId);
    expect(first.answer).toMatchObject({ outcome: 'vpr_realisee', outcomeLabel: 'VPR réalisée', vprDate: day(-1), recommendations: 'Aménagement du poste : pas de port de charges.' });
    const second = mine.items.find((i: { id: string }) => i.id === r.json().id);
    expect(second.answer).toMatchObject({ outcome: 'vpr_realisee', recommendations: null });
    // Never the dossier, its notes or its reference.
    const keys = new Set(mine.items.flatMap((i: object) => Object.keys(i)));
    expect(keys.has('dossier')).toBe(false);
    expect(JSON.stringify(mine)).not.toMatch(/PDP-\d{4}/);

    for (const who of ['medecin', 'cpam', 'employeur']) expect((await api(who).get('/api/v1/partner/vpr-orientations')).statusCode).toBe(403);
    for (const who of ['service-medical', 'cpam', 'employeur', 'salarie']) expect((await api(who).get('/api/v1/vpr-orientations?answered=false')).statusCode).toBe(403);
  });
});

describe('saisines', () => {
  it('the worker asks the cell himself and sees his request', async () => {
    const r = await api('salarie').post('/api/v1/saisines', { reason: 'Je crains de ne plus pouvoir tenir mon poste.' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ statusLabel: 'Reçue', dossier: null });
    const mine = (await api('salarie').get('/api/v1/saisines/mine')).json();
    expect(mine.items[0]).toMatchObject({ id: r.json().id, reason: 'Je crains de ne plus pouvoir tenir mon poste.' });
    const sig = await db().selectFrom('signal').selectAll().where('origin_id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(sig).toMatchObject({ source: 'salarie', kind: 'saisine', worker_id: s.salarie.me.user.workerId, consent_given: true });
  });

  it('the employer only for his workers; partners only with consent; the team for any worker', async () => {
    const reason = 'Difficultés de maintien au poste évoquées.';
    expect((await api('employeur').post('/api/v1/saisines', { workerId: others[3].id, reason })).statusCode).toBe(404);
    expect((await api('employeur').post('/api/v1/saisines', { reason })).json().error.code).toBe('SALARIE_REQUIS');
    const emp = await api('employeur').post('/api/v1/saisines', { workerId: companyWorkers[3].id, reason });
    expect(emp.statusCode).toBe(201);
    expect(emp.json().dossier).toBeNull();

    const pickable = (await api('carsat').get('/api/v1/saisines/workers')).json();
    expect(pickable.items.length).toBeGreaterThan(0);
    expect(pickable.canIdentifyByNir).toBe(false);
    const consented = pickable.items[0].id;
    expect((await api('carsat').post('/api/v1/saisines', { workerId: consented, reason })).statusCode).toBe(201);
    expect((await api('carsat').post('/api/v1/saisines', { workerId: others[4].id, reason })).statusCode).toBe(404);
    expect((await api('carsat').post('/api/v1/saisines', { nir: others[4].nir, birthName: others[4].birth_name, firstNames: others[4].first_names, birthDate: others[4].birth_date, consentGiven: true, consentDate: day(0), reason })).statusCode).toBe(400);

    const w = others[5];
    const byNir = { nir: w.nir, birthName: w.birth_name, firstNames: w.first_names, birthDate: fr(w.birth_date), reason };
    expect((await api('service-medical').post('/api/v1/saisines', { ...byNir, consentGiven: false })).json().error.code).toBe('CONSENTEMENT_ABSENT');
    const sm = await api('service-medical').post('/api/v1/saisines', { ...byNir, consentGiven: true, consentDate: fr(day(-1)) });
    expect(sm.statusCode).toBe(201);
    const smSignal = await db().selectFrom('signal').selectAll().where('origin_id', '=', sm.json().id).executeTakeFirstOrThrow();
    expect(smSignal).toMatchObject({ source: 'partenaire', consent_given: true, consent_date: day(-1) });

    const team = await api('charge-mission').post('/api/v1/saisines', { workerId: others[6].id, reason: 'Repéré en visite périodique.' });
    expect(team.statusCode).toBe(201);
    expect(team.json().dossier).toBeNull(); // « À qualifier » (issue 14)
    expect((await qualify(others[6].id)).reference).toMatch(/^PDP-/);

    for (const who of ['admin']) expect((await api(who).post('/api/v1/saisines', { workerId: others[6].id, reason })).statusCode).toBe(403);
    expect((await api('salarie').post('/api/v1/saisines', { reason: 'x' })).json().error.code).toBe('MOTIF_REQUIS');

    const sources = (await api('medecin').get('/api/v1/signals?kind=saisine&pageSize=100')).json().items.map((i: { source: string }) => i.source);
    for (const source of ['salarie', 'employeur', 'partenaire', 'equipe']) expect(sources).toContain(source);
  });

  it('a saisine shows « Prise en charge » once the dossier leaves « Signalé »', async () => {
    const w = others[7];
    const r = await api('charge-mission').post('/api/v1/saisines', { workerId: w.id, reason: 'Souhaite un accompagnement.' });
    const d = await qualify(w.id);
    expect((await api('medecin').post(`/api/v1/dossiers/${d.id}/transitions`, { to: 'a_evaluer' })).statusCode).toBe(200);
    const mine = (await api('charge-mission').get('/api/v1/saisines/mine')).json();
    expect(mine.items.find((i: { id: string }) => i.id === r.json().id).statusLabel).toBe('Prise en charge par la cellule');
  });
});

describe('one worker, several signals → one open dossier', () => {
  it('an employer declaration, a saisine and a fiche de liaison end in one triage item, then the same open dossier', async () => {
    const w = companyWorkers[6] ?? companyWorkers[companyWorkers.length - 1];
    expect(await openDossiersOf(w.id)).toHaveLength(0);
    expect((await api('employeur').post('/api/v1/employer/declarations', { workerId: w.id, startDate: day(-8), expectedEndDate: day(60), nature: 'maladie' })).statusCode).toBe(201);
    expect((await api('employeur').post('/api/v1/saisines', { workerId: w.id, reason: 'Retour difficile envisagé.' })).statusCode).toBe(201);
    const f = await api('service-medical').post('/api/v1/vpr-orientations', {
      nir: w.nir,
      birthName: w.birth_name,
      firstNames: w.first_names,
      birthDate: w.birth_date,
      reason: 'Orientation VPR.',
      contact: 'elsm@exemple.test',
      consentGiven: true,
      consentDate: day(0),
    });
    expect(f.statusCode).toBe(201);
    // One triage item for the three (issue 14), then one dossier.
    expect(await openDossiersOf(w.id)).toHaveLength(0);
    expect((await db().selectFrom('triage_item').select('id').where('worker_id', '=', w.id).execute()).length).toBe(1);
    await qualify(w.id);
    const open = await openDossiersOf(w.id);
    expect(open).toHaveLength(1);
    const sigs = await db().selectFrom('signal').select(['dossier_id', 'kind']).where('worker_id', '=', w.id).execute();
    expect(sigs.map((x) => x.kind).sort()).toEqual(['declaration_arret', 'saisine', 'vpr_orientation']);
    expect(new Set(sigs.map((x) => x.dossier_id))).toEqual(new Set([open[0].id]));
    const dossierSignals = (await api('charge-mission').get(`/api/v1/dossiers/${open[0].id}/signals`)).json();
    expect(dossierSignals.signals).toHaveLength(3);
  });
});

describe('« Signalements reçus »', () => {
  it('filters by source, kind and date, newest first, paginated', async () => {
    const all = (await api('charge-mission').get('/api/v1/signals?pageSize=100')).json();
    expect(all.total).toBeGreaterThan(5);
    const times = all.items.map((i: { receivedAt: string }) => i.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const emp = (await api('charge-mission').get('/api/v1/signals?source=employeur&pageSize=100')).json();
    expect(emp.total).toBeGreaterThan(0);
    expect(emp.items.every((i: { source: string }) => i.source === 'employeur')).toBe(true);
    const two = (await api('charge-mission').get('/api/v1/signals?source=employeur,salarie&kind=saisine')).json();
    expect(two.items.every((i: { source: string; kind: string }) => ['employeur', 'salarie'].includes(i.source) && i.kind === 'saisine')).toBe(true);
    // Civil days in Paris: « du » and « au » both included.
    const { parisDayStart } = await import('../../src/domain/intake/declarations');
    const startToday = parisDayStart(day(0));
    const startTomorrow = parisDayStart(day(1));
    const nToday = Number((await db().selectFrom('signal').select(sql<number>`count(*)::int`.as('n')).where('received_at', '>=', startToday).where('received_at', '<', startTomorrow).executeTakeFirstOrThrow()).n);
    const nBefore = Number((await db().selectFrom('signal').select(sql<number>`count(*)::int`.as('n')).where('received_at', '<', startToday).executeTakeFirstOrThrow()).n);
    expect(nToday).toBeGreaterThan(5);
    expect((await api('charge-mission').get(`/api/v1/signals?from=${day(0)}&to=${day(0)}`)).json().total).toBe(nToday);
    expect((await api('charge-mission').get(`/api/v1/signals?to=${day(-1)}`)).json().total).toBe(nBefore);
    const p1 = (await api('charge-mission').get('/api/v1/signals?pageSize=2')).json();
    const p2 = (await api('charge-mission').get('/api/v1/signals?pageSize=2&page=2')).json();
    expect(p1.items.map((i: { id: string }) => i.id)).not.toContain(p2.items[0].id);
  });

  it('refuses unknown filters with a French message, and other roles', async () => {
    expect((await api('medecin').get('/api/v1/signals?source=facebook')).json().error).toMatchObject({ code: 'SOURCE_INCONNUE', field: 'source' });
    expect((await api('medecin').get('/api/v1/signals?kind=rumeur')).json().error).toMatchObject({ code: 'TYPE_INCONNU', field: 'kind' });
    expect((await api('medecin').get('/api/v1/signals?from=25/11/2026')).json().error).toMatchObject({ code: 'DATE_INVALIDE', field: 'from' });
    for (const who of ['employeur', 'salarie', 'cpam', 'service-medical']) expect((await api(who).get('/api/v1/signals')).statusCode).toBe(403);
    expect((await api('admin').get('/api/v1/signals')).statusCode).toBe(403);
  });
});
