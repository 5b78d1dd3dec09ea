/** findLatestCompleteResponse on a real database: the one query behind the index's questionnaire components. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/database';
import type { Database } from '../connection';
import { findLatestCompleteResponse } from './questionnaire.repository';

let database: Database;
let t: string;
let worker: string;
let current: string;
let former: string;

const db = () => database.db;

async function insertResponse(r: { questionnaire: string; worker?: string; company?: string; at: string | null; score?: number; answers?: object }) {
  const complete = r.at !== null;
  await sql`insert into questionnaire_response (tenant_id, questionnaire, version, worker_id, company_id, respondent, status, answers, score, category, completed_at)
    values (${t}, ${r.questionnaire}, 1, ${r.worker ?? null}, ${r.company ?? null}, ${r.questionnaire === 'employeur' ? 'employeur' : 'salarie'},
            ${complete ? 'complete' : 'en_cours'}, ${JSON.stringify(r.answers ?? {})}::jsonb, ${complete ? (r.score ?? 10) : null}, ${null}, ${r.at}::timestamptz)`.execute(db());
}

beforeAll(async () => {
  database = await freshDatabase();
  t = (await sql<{ id: string }>`insert into tenant (slug, name) values ('repo-test', 'Repo test') returning id`.execute(db())).rows[0].id;
  worker = (await sql<{ id: string }>`insert into worker (tenant_id, birth_name, first_names, birth_date, sex) values (${t}, 'Martin', 'Paul', '1970-01-01', 1) returning id`.execute(db())).rows[0].id;
  const company = async (siret: string, name: string) =>
    (await sql<{ id: string }>`insert into company (tenant_id, siret, siren, name) values (${t}, ${siret}, ${siret.slice(0, 9)}, ${name}) returning id`.execute(db())).rows[0].id;
  current = await company('12345678900011', 'Actuelle SA');
  former = await company('98765432100019', 'Ancienne SARL');
  await sql`insert into employment (tenant_id, worker_id, company_id, job_title, start_date, end_date) values
    (${t}, ${worker}, ${current}, 'Cariste', '2020-01-01', null),
    (${t}, ${worker}, ${former}, 'Manutentionnaire', '2015-01-01', '2019-12-31')`.execute(db());
});

afterAll(async () => {
  await database?.close();
});

describe('findLatestCompleteResponse', () => {
  it('finds nothing without a complete response', async () => {
    await insertResponse({ questionnaire: 'wai', worker, at: null });
    expect(await findLatestCompleteResponse(db(), t, ['wai', 'wai_court'], { workerId: worker })).toBeNull();
    expect(await findLatestCompleteResponse(db(), t, [], { workerId: worker })).toBeNull();
  });

  it("gives the worker's latest complete response among the questionnaires asked, with the short form's outlook", async () => {
    await insertResponse({ questionnaire: 'wai', worker, at: '2026-01-10T10:00:00Z', score: 40 });
    await insertResponse({ questionnaire: 'wai_court', worker, at: '2026-03-10T10:00:00Z', score: 6, answers: { capacity: 6, outlook: 4 } });
    const r = await findLatestCompleteResponse(db(), t, ['wai', 'wai_court'], { workerId: worker });
    expect(r).toMatchObject({ questionnaire: 'wai_court', score: 6, outlook: 4, company_id: null, company_name: null });
    expect(await findLatestCompleteResponse(db(), t, ['wai'], { workerId: worker })).toMatchObject({ questionnaire: 'wai', score: 40, outlook: null });
  });

  it("gives the latest employer response of a company employing the worker that day, with the company's name", async () => {
    await insertResponse({ questionnaire: 'employeur', company: current, at: '2026-02-01T10:00:00Z', score: 55 });
    await insertResponse({ questionnaire: 'employeur', company: former, at: '2026-04-01T10:00:00Z', score: 80 });
    const r = await findLatestCompleteResponse(db(), t, ['employeur'], { employerOf: worker, today: '2026-05-01' });
    expect(r).toMatchObject({ questionnaire: 'employeur', score: 55, outlook: null, company_id: current, company_name: 'Actuelle SA' });
    // On a day the former employment still ran, its newer response counts.
    expect(await findLatestCompleteResponse(db(), t, ['employeur'], { employerOf: worker, today: '2019-12-31' })).toMatchObject({ company_id: former, score: 80 });
    // The worker's own questionnaires are not an employer's, and the reverse.
    expect(await findLatestCompleteResponse(db(), t, ['wai', 'wai_court'], { employerOf: worker, today: '2026-05-01' })).toBeNull();
    expect(await findLatestCompleteResponse(db(), t, ['employeur'], { workerId: worker })).toBeNull();
  });

  it('stays inside its tenant', async () => {
    const other = (await sql<{ id: string }>`insert into tenant (slug, name) values ('repo-other', 'Other') returning id`.execute(db())).rows[0].id;
    expect(await findLatestCompleteResponse(db(), other, ['wai', 'wai_court'], { workerId: worker })).toBeNull();
  });
});
