/**
 * Demo content of the rules channel: arrêts for ~150 demo workers with realistic profiles
 * (long arrêts of more than 2 and 3 months, ALD close to the 3-year limit, repeated short
 * arrêts, AT/MP and maternité with a return coming or just past, maladie near the IJ limit),
 * then the rules applied so the tasks exist; some tasks given to the médecin and the chargée
 * de mission of the demo, a few of them overdue. Deterministic for a given `now`.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../db/connection';
import * as demoRepo from '../db/repositories/demo.repository';
import type { ArretTable } from '../db/schema-intake/core';
import { civilDate } from '../domain/calendar/dates';
import { addDays } from '../domain/calendar/dates';
import { systemPrincipal, withCtx } from '../services/context';
import { applyArretRules } from '../services/intake/arret-rules-applier';
import { mulberry32, type Rng } from '../domain/random/prng';

const SEED = 4_0451;
const WORKERS = 150;

type Profile = 'long_3m' | 'long_2m' | 'ald' | 'repeated' | 'at_return' | 'mp_return' | 'maternite' | 'ij_limit' | 'short' | 'at_running';
const PROFILES: readonly Profile[] = ['long_3m', 'long_2m', 'ald', 'repeated', 'at_return', 'mp_return', 'maternite', 'ij_limit', 'short', 'at_running'];
const WEIGHTS = [20, 22, 10, 14, 12, 5, 5, 4, 18, 10];

type NewArret = Omit<Insertable<ArretTable>, 'tenant_id' | 'worker_id' | 'company_id'>;

function arretsFor(profile: Profile, today: string, rng: Rng, isWoman: boolean): NewArret[] {
  const base = { source: 'equipe' as const };
  const running = (nature: string, startAgo: number, endIn: number, ald = false): NewArret => ({
    ...base,
    nature,
    start_date: addDays(today, -startAgo),
    expected_end_date: addDays(today, endIn),
    ald,
  });
  const ended = (nature: string, startAgo: number, endAgo: number, ald = false): NewArret => ({
    ...base,
    nature,
    start_date: addDays(today, -startAgo),
    expected_end_date: addDays(today, -endAgo),
    actual_end_date: addDays(today, -endAgo),
    ald,
  });
  switch (profile) {
    case 'long_3m':
      return [running('maladie', rng.int(92, 240), rng.int(5, 60))];
    case 'long_2m':
      return [running('maladie', rng.int(61, 89), rng.int(3, 45))];
    case 'ald': {
      // An ALD episode started 2½–3 years ago, with a short return to work in between.
      const start = rng.int(3 * 365 - 150, 3 * 365 - 20);
      const firstEnd = start - rng.int(120, 250);
      return [ended('maladie', start, firstEnd, true), running('maladie', firstEnd - rng.int(30, 200), rng.int(30, 120), true)];
    }
    case 'repeated': {
      const n = rng.int(3, 4);
      const out: NewArret[] = [];
      let ago = rng.int(300, 350);
      for (let i = 0; i < n; i++) {
        const len = rng.int(4, 15);
        out.push(i === n - 1 ? running('maladie', Math.min(ago, 20), rng.int(2, 10)) : ended('maladie', ago, ago - len + 1));
        ago = Math.max(25, ago - rng.int(60, 110));
      }
      return out;
    }
    case 'at_return':
      // Returned 0–20 days ago (some reprise visits already late) or returning soon.
      return rng.chance(0.6) ? [ended('accident_travail', rng.int(45, 90), rng.int(1, 20))] : [running('accident_travail', rng.int(35, 80), rng.int(2, 20))];
    case 'mp_return':
      return [running('maladie_professionnelle', rng.int(20, 120), rng.int(5, 40))];
    case 'maternite':
      return isWoman ? [running('maternite', rng.int(30, 100), rng.int(5, 60))] : [running('maladie', rng.int(31, 50), rng.int(10, 30))];
    case 'ij_limit': {
      // About 280 days of maladie over the last 2 years, then a running arrêt crossing 300.
      const first = rng.int(600, 700);
      return [ended('maladie', first, first - 149), ended('maladie', 400, 271), running('maladie', rng.int(10, 25), rng.int(20, 40))];
    }
    case 'short':
      return [running('maladie', rng.int(1, 10), rng.int(3, 15))];
    case 'at_running':
      return [running('accident_travail', rng.int(5, 25), rng.int(10, 60))];
  }
}

export async function seedRulesDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const rng = mulberry32(SEED);
  const today = civilDate(now);
  const spsti = await demoRepo.findSpsti(database.db, tenantId);
  await withCtx(
    database,
    systemPrincipal(tenantId, spsti.id, 'Système (données de démonstration)'),
    async (ctx) => {
      const trx = ctx.trx;
      const staff = await demoRepo.findUsersByEmail(trx, tenantId, ['medecin@%', 'charge-mission@%']);
      const staffIds = staff.map((u) => u.id);
      // First the workers of dossiers followed by these two (their « Mes tâches »), then others,
      // in a stable order (NIR and dossier references are deterministic in the demo).
      const workers = await demoRepo.findRulesDemoWorkers(trx, tenantId, staffIds, WORKERS);
      if (workers.length === 0) return;
      const companies = await demoRepo.findCurrentEmployers(trx, tenantId, workers.map((w) => w.id));
      const companyOf = new Map(companies.map((r) => [r.worker_id, r.company_id]));

      const rows: Insertable<ArretTable>[] = [];
      for (const w of workers) {
        const profile = rng.weighted(PROFILES, WEIGHTS);
        for (const a of arretsFor(profile, today, rng, w.sex === 2)) {
          rows.push({ ...a, tenant_id: tenantId, worker_id: w.id, company_id: companyOf.get(w.id) ?? null });
        }
      }
      const ids = await demoRepo.insertArrets(trx, rows);
      const created = await applyArretRules(trx, tenantId, ids, now);

      // Give some tasks of their dossiers to the médecin and the chargée de mission.
      if (staffIds.length > 0) {
        // … and a few detection tasks left waiting for too long: overdue in « Mes tâches ».
        await demoRepo.assignDemoRuleTasks(trx, tenantId, staffIds, addDays(today, -4));
      }
      await ctx.record({ action: 'demo.seed_rules', subjectType: 'tenant', subjectId: tenantId, details: { arrets: ids.length, tasks: created } });
    },
    now,
  );
}
