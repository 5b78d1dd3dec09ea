/** The signals channel's demo content: created through the services, deterministic, idempotent. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSignalsDemo } from '../../src/demo/intake-signals';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let tenantId = '';
beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  await seedSignalsDemo(t.database, tenantId, new Date());
});
afterAll(() => t?.close());

const count = async (table: 'employer_declaration' | 'vpr_orientation' | 'saisine' | 'signal') =>
  Number((await t.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

describe('seedSignalsDemo', () => {
  it('creates declarations, fiches de liaison (some answered) and saisines, each a signal', async () => {
    expect(await count('employer_declaration')).toBe(4);
    expect(await count('vpr_orientation')).toBe(4);
    expect(await count('saisine')).toBe(3);
    const statuses = await t.database.db.selectFrom('vpr_orientation').select('status').orderBy('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['en_attente', 'en_attente', 'injoignable', 'vpr_realisee']);
    const employer = await login(t.app, demoEmail('employeur'));
    const mine = (await as(t.app, employer).get('/api/v1/employer/declarations')).json();
    expect(mine.items.map((i: { statusLabel: string }) => i.statusLabel).sort()).toEqual(['Reçue', 'Reçue', 'Reçue', 'À vérifier']);
    const sm = await login(t.app, demoEmail('service-medical'));
    const fiches = (await as(t.app, sm).get('/api/v1/partner/vpr-orientations')).json();
    expect(fiches.items.filter((f: { answer: unknown }) => f.answer !== null)).toHaveLength(2);
    const salarie = await login(t.app, demoEmail('salarie'));
    expect((await as(t.app, salarie).get('/api/v1/saisines/mine')).json().items).toHaveLength(1);
  });

  it('running it again changes nothing', async () => {
    const before = await Promise.all([count('employer_declaration'), count('vpr_orientation'), count('saisine'), count('signal')]);
    await seedSignalsDemo(t.database, tenantId, new Date());
    expect(await Promise.all([count('employer_declaration'), count('vpr_orientation'), count('saisine'), count('signal')])).toEqual(before);
  });

  it('leaves enough free workers of the employer for the channel tests', async () => {
    const companyId = (await login(t.app, demoEmail('employeur'))).me.user.companyId!;
    const free = await t.database.db
      .selectFrom('employment as e')
      .select(sql<number>`count(distinct e.worker_id)::int`.as('n'))
      .where('e.company_id', '=', companyId)
      .where('e.end_date', 'is', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'e.worker_id').where('d.state', 'in', ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']))))
      .executeTakeFirstOrThrow();
    expect(Number(free.n)).toBeGreaterThanOrEqual(7);
  });
});
