/**
 * Documents (PDF, French) through the API: the text extracted from each PDF says what it must
 * (accents rendered), the employer's letter carries no health data, the fiche de liaison
 * follows the worker's objection (R4624-30), the convocation comes from the visit (C4), every
 * generation is audited and noted on the timeline, and who may.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant-tx';
import { civilDate } from '../../src/domain/calendar/dates';
import { addDays } from '../../src/domain/calendar/dates';
import { pdfText } from '../../src/services/documents/pdf-text';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
let tenantId: string;
let dossierId: string;
let workerId: string;
const s: Record<string, Session> = {};
const today = civilDate(new Date());
const api = (who: string) => as(t.app, s[who]);
const tx = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(t.database.db, tenantId, fn);

async function pdf(who: string, url: string) {
  const res = await api(who).get(url);
  if (res.statusCode !== 200) return { status: res.statusCode, code: res.json().error?.code as string, text: '' };
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"$/);
  expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  // Lines wrapped by the layout read as one text.
  return { status: 200, code: '', text: pdfText(res.rawPayload).replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  for (const local of ['medecin', 'charge-mission', 'assistant', 'employeur', 'salarie', 'cpam', 'service-medical']) s[local] = await login(t.app, demoEmail(local));
  workerId = s.salarie.me.user.workerId!;
  dossierId = (await tx((trx) => trx.selectFrom('dossier').select('id').where('worker_id', '=', workerId).orderBy('opened_at', 'desc').executeTakeFirstOrThrow())).id;
  await tx((trx) => trx.insertInto('arret').values({ tenant_id: tenantId, worker_id: workerId, source: 'equipe', nature: 'maladie', start_date: addDays(today, -60), expected_end_date: addDays(today, 120) }).execute());
});
afterAll(() => t?.close());

describe('information leaflet (IGAS recommendation 16)', () => {
  it('from the catalogue, in French with accents, for anyone signed in (the employer too)', async () => {
    const r = await pdf('employeur', '/api/v1/documents/livret-mesures.pdf');
    expect(r.status).toBe(200);
    for (const w of ['Essai encadré', 'Temps partiel thérapeutique', 'arrêt de travail', 'Transitions Pro', 'désinsertion', 'à tout moment']) expect(r.text).toContain(w);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/documents/livret-mesures.pdf' })).statusCode).toBe(401);
  });
});

describe('letter to the employer', () => {
  it('names the measures marked visible to the employer and nothing of health', async () => {
    const propose = (body: object) => api('medecin').post(`/api/v1/dossiers/${dossierId}/measures`, body);
    const am = (await propose({ code: 'amenagementPoste', startDate: today, details: 'Hernie discale : éviter le port de charges', employerNote: 'Siège assis-debout, horaires de jour', employerVisible: true })).json();
    for (const kind of ['medecin_travail', 'employeur']) await api('medecin').post(`/api/v1/measures/${am.id}/approvals`, { kind, decision: 'accord', decidedOn: today, byName: 'X', byOrganisation: 'Y' });
    expect((await api('medecin').post(`/api/v1/measures/${am.id}/transition`, { to: 'accordee' })).statusCode).toBe(200);
    await propose({ code: 'tpt', startDate: today, details: 'Lombalgie, reprise à mi-temps' });
    await propose({ code: 'invaliditeCat1', startDate: today, details: 'Dépression sévère' });
    const r = await pdf('charge-mission', `/api/v1/dossiers/${dossierId}/documents/courrier_employeur.pdf`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Aménagement du poste ou du temps de travail');
    expect(r.text).toContain('Siège assis-debout, horaires de jour');
    expect(r.text).toContain('EHPAD Les Tilleuls');
    for (const w of ['Hernie', 'Lombalgie', 'thérapeutique', 'Invalidité', 'Dépression', 'arrêt']) expect(r.text).not.toContain(w);
    // Nothing of the dossier's medical or sensitive timeline either.
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    // (The plan's own entries name the measure, which the letter names too when it is employer-visible.)
    const secret = page.timeline.filter((e: { category: string; kind: string }) => (e.category === 'medical' || e.category === 'sensitive') && e.kind !== 'measure');
    expect(secret.length).toBeGreaterThan(0);
    for (const e of secret) expect(r.text).not.toContain(e.body.slice(0, 40));
  });
});

describe('case summary', () => {
  it('for the cell: identity, plan and history; the assistant gets no plan', async () => {
    const r = await pdf('medecin', `/api/v1/dossiers/${dossierId}/documents/synthese`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Synthèse du dossier');
    expect(r.text).toContain('Plan de maintien en emploi');
    expect(r.text).toContain('Aménagement du poste');
    const a = await pdf('assistant', `/api/v1/dossiers/${dossierId}/documents/synthese`);
    expect(a.status).toBe(200);
    expect(a.text).not.toContain('Plan de maintien en emploi');
    expect(a.text).not.toContain('Hernie');
  });
});

describe('fiche de liaison (answer to the médecin conseil)', () => {
  let vprId: string;
  beforeAll(async () => {
    const org = await tx((trx) => trx.selectFrom('organisation').select('id').where('kind', '=', 'service_medical').executeTakeFirstOrThrow());
    vprId = (
      await tx((trx) =>
        trx
          .insertInto('vpr_orientation')
          .values({ tenant_id: tenantId, worker_id: workerId, organisation_id: org.id, filed_by_name: 'Dr Philippe Hennebelle', contact: '03 20 00 00 00', reason: 'Arrêt long, reprise à préparer', consent_date: addDays(today, -10), dossier_id: dossierId, filed_at: new Date(Date.now() - 9 * 86_400_000) })
          .returning('id')
          .executeTakeFirstOrThrow(),
      )
    ).id;
  });

  it('pending: refused until answered', async () => {
    const r = await pdf('medecin', `/api/v1/dossiers/${dossierId}/documents/fiche_liaison`);
    expect(r).toMatchObject({ status: 409, code: 'FICHE_SANS_REPONSE' });
  });

  it('answered: the recommendations go only if the worker did not object (R4624-30)', async () => {
    await tx((trx) =>
      sql`update vpr_orientation set status = 'vpr_realisee', vpr_date = ${addDays(today, -2)}::date, non_objection = true,
            recommendations = 'Reprise à temps partiel thérapeutique envisageable ; aménagement du poste à étudier.',
            answered_by_name = 'Dr Claire Lemaire', answered_at = now() where tenant_id = ${tenantId} and id = ${vprId}`.execute(trx),
    );
    const r = await pdf('medecin', `/api/v1/dossiers/${dossierId}/documents/fiche_liaison`);
    expect(r.status).toBe(200);
    for (const w of ['Fiche de liaison', 'Dr Philippe Hennebelle', 'Visite de pré-reprise réalisée', 'Reprise à temps partiel thérapeutique envisageable']) expect(r.text).toContain(w);
    await tx((trx) => sql`update vpr_orientation set non_objection = false, recommendations = null where tenant_id = ${tenantId} and id = ${vprId}`.execute(trx));
    const o = await pdf('medecin', `/api/v1/dossiers/${dossierId}/documents/fiche_liaison`);
    expect(o.text).toContain("s'est opposé");
    expect(o.text).not.toContain('envisageable');
  });

  it('the assistant may not (sensitive); the documents list shows it to the médecin only', async () => {
    expect((await pdf('assistant', `/api/v1/dossiers/${dossierId}/documents/fiche_liaison`)).status).toBe(403);
    const list = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/documents`)).json().items;
    expect(list.find((d: { kind: string }) => d.kind === 'fiche_liaison')).toMatchObject({ available: true });
    const listA = (await api('assistant').get(`/api/v1/dossiers/${dossierId}/documents`)).json().items;
    expect(listA.map((d: { kind: string }) => d.kind).slice(0, 2)).toEqual(['synthese', 'courrier_employeur']);
    expect(listA.some((d: { kind: string }) => d.kind === 'fiche_liaison')).toBe(false);
  });
});

describe('convocation (from the visit table, contract C4)', () => {
  it('a visit of the dossier gives a convocation; an unknown one a 404', async () => {
    const missing = await pdf('assistant', `/api/v1/dossiers/${dossierId}/documents/convocation?visitId=00000000-0000-4000-8000-000000000000`);
    expect(missing).toMatchObject({ status: 404, code: 'VISITE_INTROUVABLE' });
    expect((await pdf('assistant', `/api/v1/dossiers/${dossierId}/documents/convocation`)).code).toBe('VISITE_REQUISE');
    const hasVisit = (await sql<{ t: string | null }>`select to_regclass('visit')::text as t`.execute(t.database.db)).rows[0].t;
    if (!hasVisit) return; // parcours-visits not landed yet: only the refusals can be checked.
    const visitId = (
      await tx((trx) =>
        sql<{ id: string }>`insert into visit (tenant_id, dossier_id, worker_id, kind, scheduled_at, place, professional_user_id, status)
          values (${tenantId}, ${dossierId}, ${workerId}, 'pre_reprise', ${`${addDays(today, 5)}T08:30:00Z`}::timestamptz, 'Centre de Lille, 12 rue Nationale', ${s.medecin.me.user.id}, 'planifiee') returning id`.execute(trx),
      )
    ).rows[0].id;
    const r = await pdf('assistant', `/api/v1/dossiers/${dossierId}/documents/convocation?visitId=${visitId}`);
    expect(r.status).toBe(200);
    for (const w of ['Convocation', 'visite de pré-reprise', 'Centre de Lille', 'Dr Claire Lemaire', 'Madame']) expect(r.text).toContain(w);
    const list = (await api('assistant').get(`/api/v1/dossiers/${dossierId}/documents`)).json().items;
    expect(list.find((d: { visitId: string | null }) => d.visitId === visitId)).toMatchObject({ kind: 'convocation', label: expect.stringMatching(/^Convocation à la visite de pré-reprise du /) });
  });
});

describe('audit, timeline, who may, bad input', () => {
  it('every generation is audited and noted on the timeline', async () => {
    const events = await t.database.db.selectFrom('audit_event').select(['action', 'category', 'details']).where('action', '=', 'document.generate').execute();
    const kinds = events.map((e) => (e.details as { kind: string }).kind);
    expect(kinds).toEqual(expect.arrayContaining(['livret_mesures', 'courrier_employeur', 'synthese', 'fiche_liaison']));
    expect(events.find((e) => (e.details as { kind: string }).kind === 'fiche_liaison')?.category).toBe('sensitive');
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(page.timeline.filter((e: { kind: string }) => e.kind === 'document').length).toBeGreaterThanOrEqual(4);
  });
  it('employers, partners and workers may not generate a dossier document', async () => {
    for (const who of ['employeur', 'cpam', 'salarie']) expect((await pdf(who, `/api/v1/dossiers/${dossierId}/documents/synthese`)).status).toBe(403);
  });
  it('an unknown document kind is a 400', async () => {
    expect(await pdf('medecin', `/api/v1/dossiers/${dossierId}/documents/inconnu`)).toMatchObject({ status: 400, code: 'DOCUMENT_INCONNU' });
  });
});
