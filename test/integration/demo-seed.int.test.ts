/**
 * The demo tenant on a real (embedded) database: sizes, identifiers, legal histories, and the
 * separation of medical content. Runs on PGlite in memory whatever MAINTIEN_TEST_DATABASE_URL
 * says (the server suite covers the engine; this data is engine-independent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';
import { HEALTH_PROFESSIONAL_ROLES, type Role } from '../../src/domain/access/roles';
import { checkTransition, DOSSIER_STATES, isOpenState, type DossierState } from '../../src/domain/dossier/states';
import { validateNir } from '../../src/domain/identity/nir';
import { validateSiret } from '../../src/domain/identity/siret';
import { verifyPassword } from '../../src/services/auth/password';
import { DEMO_ACCOUNTS, DEMO_MEDICAL_VOCABULARY, DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo';

const NOW = new Date('2026-11-25T10:00:00Z');
const TODAY = '2026-11-25';

let database: Database;
let tenantId: string;

const TABLES = ['company', 'organisation', 'worker', 'employment', 'app_user', 'membership', 'dossier', 'dossier_assignment', 'dossier_transition', 'timeline_entry', 'consent', 'audit_event'] as const;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await database.pglite!.query<{ n: number }>(`select count(*)::int as n from ${t} where tenant_id = $1`, [tenantId]);
    out[t] = r.rows[0].n;
  }
  return out;
}

async function rows<T>(sql: string, params: unknown[] = [tenantId]): Promise<T[]> {
  return (await database.pglite!.query<T>(sql, params)).rows;
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  const res = await seedDemo(database, { now: NOW, modules: false });
  expect(res.created).toBe(true);
  tenantId = res.tenantId;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('seedDemo', () => {
  it('creates a tenant of realistic size', async () => {
    const c = await counts();
    expect(c.company).toBeGreaterThanOrEqual(50);
    expect(c.worker).toBeGreaterThanOrEqual(1000);
    expect(c.employment).toBeGreaterThanOrEqual(c.worker);
    expect(c.dossier).toBeGreaterThanOrEqual(80);
    expect(c.audit_event).toBe(1);
    const states = await rows<{ state: string }>(`select distinct state from dossier where tenant_id = $1`);
    expect(states.map((s) => s.state).sort()).toEqual([...DOSSIER_STATES].sort());
    const kinds = await rows<{ kind: string }>(`select distinct kind from organisation where tenant_id = $1`);
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      ['agefiph', 'cap_emploi', 'carsat_service_social', 'company', 'cpam', 'france_travail', 'service_medical', 'spsti', 'transitions_pro'].sort(),
    );
  });

  it('creates one account per listed demo account, with the demo password', async () => {
    const users = await rows<{ email: string; role: string; kind: string; password_hash: string; worker_id: string | null; company_id: string | null }>(
      `select u.email, m.role, o.kind, u.password_hash, u.worker_id, o.company_id from app_user u
         join membership m on m.tenant_id = u.tenant_id and m.user_id = u.id
         join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
        where u.tenant_id = $1`,
    );
    for (const a of DEMO_ACCOUNTS) {
      const matching = users.filter((u) => u.email === a.email);
      expect(matching, a.email).toHaveLength(1);
      expect(matching[0].role).toBe(a.role);
    }
    const roles = new Set(DEMO_ACCOUNTS.map((a) => a.role));
    for (const r of ['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission', 'assistant', 'admin', 'partner_agent', 'employer', 'worker']) {
      expect(roles.has(r), r).toBe(true);
    }
    const partnerKinds = users.filter((u) => u.role === 'partner_agent').map((u) => u.kind).sort();
    expect(partnerKinds).toEqual(['cap_emploi', 'carsat_service_social', 'cpam', 'service_medical']);
    expect(users.every((u) => u.email === u.email.toLowerCase())).toBe(true);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, users[0].password_hash)).toBe(true);
    expect(users.find((u) => u.role === 'worker')!.worker_id).not.toBeNull();
    expect(users.find((u) => u.role === 'employer')!.company_id).not.toBeNull();
  });

  it('gives every worker a valid NIR matching sex and birth date, and a current employment', async () => {
    const workers = await rows<{ nir: string | null; sex: number; birth_date: string; current: number }>(
      `select w.nir, w.sex, w.birth_date,
              (select count(*)::int from employment e where e.tenant_id = w.tenant_id and e.worker_id = w.id and e.end_date is null) as current
         from worker w where w.tenant_id = $1`,
    );
    for (const w of workers) {
      expect(w.nir).not.toBeNull();
      const v = validateNir(w.nir!);
      expect(v.ok, w.nir!).toBe(true);
      if (!v.ok) continue;
      expect(v.value.sex).toBe(w.sex);
      expect(v.value.birthYear2).toBe(w.birth_date.slice(2, 4));
      expect(v.value.birthMonth).toBe(w.birth_date.slice(5, 7));
      const age = (NOW.getTime() - Date.parse(w.birth_date)) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThanOrEqual(20);
      expect(age).toBeLessThan(65);
      expect(w.current).toBe(1);
    }
    const qualified = workers.length; // all have a NIR; most identities are qualified
    const q = await rows<{ n: number }>(`select count(*)::int n from worker where tenant_id = $1 and identity_status = 'qualifiee'`);
    expect(q[0].n / qualified).toBeGreaterThan(0.7);
  });

  it('gives every company a valid SIRET whose SIREN is its first nine digits', async () => {
    const companies = await rows<{ siret: string; siren: string; workforce: number; followed: number }>(
      `select c.siret, c.siren, c.workforce,
              (select count(*)::int from employment e where e.tenant_id = c.tenant_id and e.company_id = c.id and e.end_date is null) as followed
         from company c where c.tenant_id = $1`,
    );
    for (const c of companies) {
      expect(validateSiret(c.siret).ok, c.siret).toBe(true);
      expect(c.siret.slice(0, 9)).toBe(c.siren);
      expect(c.workforce).toBeGreaterThanOrEqual(c.followed);
    }
  });

  it('keeps at most one open dossier per worker, and numbers references for the application to continue', async () => {
    const dossiers = await rows<{ worker_id: string; state: DossierState; reference: string; next_due_date: string | null; closed_at: Date | null }>(
      `select worker_id, state, reference, next_due_date, closed_at from dossier where tenant_id = $1`,
    );
    const openByWorker = new Map<string, number>();
    for (const d of dossiers) {
      expect(d.reference).toMatch(/^PDP-\d{4}-\d{5}$/);
      if (isOpenState(d.state)) {
        openByWorker.set(d.worker_id, (openByWorker.get(d.worker_id) ?? 0) + 1);
        expect(d.next_due_date).not.toBeNull();
      }
      expect(d.closed_at !== null).toBe(d.state === 'clos');
    }
    expect(Math.max(...openByWorker.values())).toBe(1);
    expect(dossiers.some((d) => isOpenState(d.state) && d.next_due_date! < TODAY)).toBe(true);
    const counter = await rows<{ value: number }>(`select value from tenant_counter where tenant_id = $1 and name = 'dossier'`);
    const max = Math.max(...dossiers.map((d) => Number(d.reference.slice(-5))));
    expect(counter[0].value).toBe(max);
    expect(max).toBe(dossiers.length);
  });

  it('records for every dossier a legal path from creation to its current state', async () => {
    const dossiers = await rows<{ id: string; state: string; state_changed_at: Date }>(`select id, state, state_changed_at from dossier where tenant_id = $1`);
    const transitions = await rows<{ dossier_id: string; from_state: string | null; to_state: string; reason: string | null; at: Date; actor_user_id: string | null }>(
      `select dossier_id, from_state, to_state, reason, at, actor_user_id from dossier_transition where tenant_id = $1 order by dossier_id, at, id`,
    );
    const entries = await rows<{ dossier_id: string; kind: string; category: string }>(`select dossier_id, kind, category from timeline_entry where tenant_id = $1`);
    const byDossier = new Map<string, typeof transitions>();
    for (const t of transitions) byDossier.set(t.dossier_id, [...(byDossier.get(t.dossier_id) ?? []), t]);
    for (const d of dossiers) {
      const path = byDossier.get(d.id) ?? [];
      expect(path.length).toBeGreaterThanOrEqual(1);
      expect(path[0].from_state).toBeNull();
      expect(path[0].to_state).toBe('signale');
      for (let i = 1; i < path.length; i++) {
        expect(path[i].from_state).toBe(path[i - 1].to_state);
        expect(path[i].at.getTime()).toBeGreaterThanOrEqual(path[i - 1].at.getTime());
        expect(path[i].actor_user_id).not.toBeNull();
        const check = checkTransition(path[i].from_state!, path[i].to_state, { reason: path[i].reason ?? undefined });
        expect(check.ok, `${path[i].from_state} → ${path[i].to_state}`).toBe(true);
      }
      const last = path[path.length - 1];
      expect(last.to_state).toBe(d.state);
      expect(last.at.getTime()).toBe(d.state_changed_at.getTime());
      const own = entries.filter((e) => e.dossier_id === d.id);
      expect(own.filter((e) => e.kind === 'creation')).toHaveLength(1);
      expect(own.filter((e) => e.kind === 'transition')).toHaveLength(path.length - 1);
      expect(own.filter((e) => e.kind !== 'note').every((e) => e.category === 'administrative')).toBe(true);
    }
  });

  it('keeps medical notes to health professionals and medical vocabulary to medical notes', async () => {
    const entries = await rows<{ category: string; title: string | null; body: string; author_role: Role | null; created_at: Date; opened_at: Date }>(
      `select e.category, e.title, e.body, e.created_at, d.opened_at,
              (select m.role from membership m where m.tenant_id = e.tenant_id and m.user_id = e.author_user_id limit 1) as author_role
         from timeline_entry e join dossier d on d.tenant_id = e.tenant_id and d.id = e.dossier_id
        where e.tenant_id = $1`,
    );
    for (const c of ['medical', 'sensitive', 'administrative', 'employer_visible']) {
      expect(entries.some((e) => e.category === c), c).toBe(true);
    }
    for (const e of entries) {
      expect(e.created_at.getTime()).toBeGreaterThanOrEqual(e.opened_at.getTime());
      expect(e.created_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (e.category === 'medical') {
        expect(HEALTH_PROFESSIONAL_ROLES, e.body).toContain(e.author_role);
        continue;
      }
      const text = `${e.title ?? ''} ${e.body}`.toLowerCase();
      for (const word of DEMO_MEDICAL_VOCABULARY) expect(text, `${e.category}: ${e.body}`).not.toContain(word);
    }
    const summaries = await rows<{ summary: string }>(`select summary from dossier where tenant_id = $1`);
    for (const s of summaries) {
      for (const word of DEMO_MEDICAL_VOCABULARY) expect(s.summary.toLowerCase()).not.toContain(word);
    }
  });

  it('assigns 1 to 3 professionals per dossier with one referent, the demo médecin on many', async () => {
    const perDossier = await rows<{ n: number; referents: number }>(
      `select count(*)::int n, count(*) filter (where is_referent)::int referents from dossier_assignment where tenant_id = $1 group by dossier_id`,
    );
    const total = await rows<{ n: number }>(`select count(*)::int n from dossier where tenant_id = $1`);
    expect(perDossier).toHaveLength(total[0].n);
    for (const d of perDossier) {
      expect(d.n).toBeGreaterThanOrEqual(1);
      expect(d.n).toBeLessThanOrEqual(3);
      expect(d.referents).toBe(1);
    }
    const mine = await rows<{ state: string; next_due_date: string | null }>(
      `select d.state, d.next_due_date from dossier d
         join dossier_assignment a on a.tenant_id = d.tenant_id and a.dossier_id = d.id
         join app_user u on u.tenant_id = a.tenant_id and u.id = a.user_id
        where d.tenant_id = $1 and u.email = $2`,
      [tenantId, 'medecin@demo.maintien.test'],
    );
    expect(mine.length).toBeGreaterThanOrEqual(25);
    for (const s of DOSSIER_STATES.filter(isOpenState)) expect(mine.some((d) => d.state === s), s).toBe(true);
    expect(mine.filter((d) => isOpenState(d.state as DossierState) && d.next_due_date! < TODAY).length).toBeGreaterThanOrEqual(3);
  });

  it('prepares the worker, employer and partner demo accounts', async () => {
    const own = await rows<{ state: string; category: string; shared_with_worker: boolean }>(
      `select d.state, e.category, e.shared_with_worker from app_user u
         join dossier d on d.tenant_id = u.tenant_id and d.worker_id = u.worker_id
         join timeline_entry e on e.tenant_id = d.tenant_id and e.dossier_id = d.id
        where u.tenant_id = $1 and u.email = 'salarie@demo.maintien.test'`,
    );
    expect(new Set(own.map((e) => e.state))).toEqual(new Set(['en_accompagnement']));
    expect(own.some((e) => e.shared_with_worker)).toBe(true);
    expect(own.some((e) => e.category === 'medical' && !e.shared_with_worker)).toBe(true);
    expect(own.some((e) => e.category === 'employer_visible')).toBe(true);

    const employer = await rows<{ worker_id: string; visible: number }>(
      `select d.worker_id, (select count(*)::int from timeline_entry e where e.tenant_id = d.tenant_id and e.dossier_id = d.id and e.category = 'employer_visible') visible
         from app_user u
         join membership m on m.tenant_id = u.tenant_id and m.user_id = u.id
         join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
         join employment em on em.tenant_id = o.tenant_id and em.company_id = o.company_id and em.end_date is null
         join dossier d on d.tenant_id = em.tenant_id and d.worker_id = em.worker_id
        where u.tenant_id = $1 and u.email = 'employeur@demo.maintien.test'
          and d.state in ('signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi')`,
    );
    expect(new Set(employer.map((e) => e.worker_id)).size).toBeGreaterThanOrEqual(3);
    expect(employer.filter((e) => e.visible > 0).length).toBeGreaterThanOrEqual(3);

    const consents = await rows<{ email: string; current: number; withdrawn: number }>(
      `select u.email, count(c.*) filter (where c.withdrawn_at is null)::int current, count(c.*) filter (where c.withdrawn_at is not null)::int withdrawn
         from app_user u
         join membership m on m.tenant_id = u.tenant_id and m.user_id = u.id and m.role = 'partner_agent'
         left join consent c on c.tenant_id = m.tenant_id and c.recipient_organisation_id = m.organisation_id
        where u.tenant_id = $1 group by u.email`,
    );
    expect(consents).toHaveLength(4);
    for (const c of consents) expect(c.current, c.email).toBeGreaterThanOrEqual(3);
    expect(consents.some((c) => c.withdrawn > 0)).toBe(true);
  });

  it('is idempotent: a second call changes nothing', async () => {
    const before = await counts();
    const again = await seedDemo(database, { now: NOW, modules: false });
    expect(again).toMatchObject({ tenantId, created: false });
    expect(again.accounts).toEqual(DEMO_ACCOUNTS);
    expect(await counts()).toEqual(before);
  });

  it('is deterministic for a seed', async () => {
    const other = await seedDemo(database, { slug: 'demo-bis', now: NOW, modules: false });
    expect(other.created).toBe(true);
    const signature = async (id: string) =>
      (
        await database.pglite!.query<{ s: string }>(
          `select string_agg(nir || birth_name || first_names || birth_date, ',' order by nir) s from worker where tenant_id = $1`,
          [id],
        )
      ).rows[0].s;
    expect(await signature(other.tenantId)).toBe(await signature(tenantId));
    expect(other.accounts[0].email).toBe('medecin@demo-bis.maintien.test');
  });
});
