/**
 * Demo tenant « Santé Travail Demo »: a fictitious SPSTI of Hauts-de-France with its partners,
 * adherent companies, ~1,500 followed workers, and a cellule PDP's worth of dossiers in every
 * state, with their history, notes, assignments and consents. Every identity is synthetic
 * (valid NIR and SIRET keys, invented people); the data is deterministic for a given seed.
 *
 * Runs as the database owner in one transaction; idempotent on the tenant slug.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../db/connection';
import * as demoRepo from '../db/repositories/demo.repository';
import { appendAuditEvents } from '../db/repositories/audit.repository';
import type { DB } from '../db/schema';
import type { OrganisationKind, Role } from '../domain/access/roles';
import { civilDate } from '../domain/calendar/dates';
import { dossierReference, ORIGIN_LABELS, type DossierOrigin } from '../domain/dossier/origins';
import { isOpenState, OPEN_STATES, STATE_LABELS, TRANSITION_LABELS, type DossierState } from '../domain/dossier/states';
import { nirKey } from '../domain/identity/nir';
import { makeSiret } from '../domain/identity/siret';
import { insertService } from '../services/admin/service-creator';
import { hashPassword } from '../services/auth/password';
import {
  ADMINISTRATIVE_NOTES,
  COMPANY_PLACES,
  CONTRACTS,
  CONTRACT_WEIGHTS,
  EMPLOYER_NOTES,
  FIRST_NAMES,
  MEDICAL_NOTES,
  PLACES,
  REGION_AREAS,
  SECTORS,
  SENSITIVE_NOTES,
  SUMMARIES,
  SURNAMES,
  TRANSITION_REASONS,
  type Job,
  type Place,
  type Sector,
} from './demo-data';
import { seedModulesDemo } from './modules-demo';
import { mulberry32, type Rng } from '../domain/random/prng';

export { DEMO_MEDICAL_VOCABULARY } from './demo-data';

export const DEMO_PASSWORD = 'demo-maintien';
export const DEMO_SLUG = 'demo';
export const DEMO_TENANT_NAME = 'Santé Travail Demo (SPSTI démo)';
const DEFAULT_SEED = 20_261_125;

export interface DemoAccount {
  email: string;
  role: string;
  label: string;
}

export interface SeedDemoOptions {
  /** Tenant slug (default `demo`); e-mails use `<local>@<slug>.maintien.test`. */
  slug?: string;
  /** The moment the data is built around (due dates, ages, history); default: now. */
  now?: Date;
  /** PRNG seed: same seed, same data. */
  seed?: number;
  /** Also seed the feature modules' demo content (intake, risk, parcours); default true. */
  modules?: boolean;
}

export interface SeedDemoResult {
  tenantId: string;
  created: boolean;
  accounts: DemoAccount[];
}

type OrgKey = Exclude<OrganisationKind, 'company'> | 'employer_company';

interface AccountSpec {
  local: string;
  role: Role;
  displayName: string;
  org: OrgKey;
  label: string;
}

const EMPLOYER_COMPANY_NAME = 'EHPAD Les Tilleuls';
const DEMO_WORKER = { firstNames: 'Sandrine', birthName: 'Leclercq', sex: 2 as const };

/** Accounts of the demo tenant, all with the password DEMO_PASSWORD. */
const ACCOUNT_SPECS: readonly AccountSpec[] = [
  { local: 'medecin', role: 'medecin_travail', displayName: 'Dr Claire Lemaire', org: 'spsti', label: 'Médecin du travail — Dr Claire Lemaire' },
  { local: 'infirmier', role: 'infirmier', displayName: 'Sébastien Dumont', org: 'spsti', label: 'Infirmier en santé au travail — Sébastien Dumont' },
  { local: 'social', role: 'assistant_social', displayName: 'Nathalie Vasseur', org: 'spsti', label: 'Assistante sociale — Nathalie Vasseur' },
  { local: 'psychologue', role: 'psychologue', displayName: 'Camille Lefebvre', org: 'spsti', label: 'Psychologue du travail — Camille Lefebvre' },
  { local: 'ergonome', role: 'ergonome', displayName: 'Antoine Delcourt', org: 'spsti', label: 'Ergonome — Antoine Delcourt' },
  { local: 'charge-mission', role: 'charge_mission', displayName: 'Émilie Fontaine', org: 'spsti', label: 'Chargée de mission PDP — Émilie Fontaine' },
  { local: 'assistant', role: 'assistant', displayName: 'Isabelle Caron', org: 'spsti', label: 'Assistante — Isabelle Caron' },
  { local: 'admin', role: 'admin', displayName: 'Marc Delattre', org: 'spsti', label: 'Administrateur — Marc Delattre' },
  { local: 'cpam', role: 'partner_agent', displayName: 'Nadia Belkacem', org: 'cpam', label: 'Agente CPAM — Nadia Belkacem' },
  { local: 'service-medical', role: 'partner_agent', displayName: 'Dr Philippe Hennebelle', org: 'service_medical', label: "Médecin conseil (service médical de l'Assurance maladie) — Dr Philippe Hennebelle" },
  { local: 'carsat', role: 'partner_agent', displayName: 'Valérie Duhamel', org: 'carsat_service_social', label: 'Assistante sociale Carsat — Valérie Duhamel' },
  { local: 'cap-emploi', role: 'partner_agent', displayName: 'Julien Lecomte', org: 'cap_emploi', label: 'Conseiller Cap emploi — Julien Lecomte' },
  { local: 'employeur', role: 'employer', displayName: 'Sophie Vandamme', org: 'employer_company', label: `Employeur (RH) — Sophie Vandamme, ${EMPLOYER_COMPANY_NAME}` },
  { local: 'salarie', role: 'worker', displayName: `${DEMO_WORKER.firstNames} ${DEMO_WORKER.birthName}`, org: 'spsti', label: `Salariée accompagnée — ${DEMO_WORKER.firstNames} ${DEMO_WORKER.birthName}` },
  // A second team, so that assignee filters and « Mes dossiers » differ from one user to another.
  { local: 'medecin2', role: 'medecin_travail', displayName: 'Dr Karim Benslimane', org: 'spsti', label: 'Médecin du travail — Dr Karim Benslimane' },
  { local: 'infirmier2', role: 'infirmier', displayName: 'Julie Carpentier', org: 'spsti', label: 'Infirmière en santé au travail — Julie Carpentier' },
  { local: 'charge-mission2', role: 'charge_mission', displayName: 'Thomas Wattel', org: 'spsti', label: 'Chargé de mission PDP — Thomas Wattel' },
  { local: 'social2', role: 'assistant_social', displayName: 'Mélanie Roussel', org: 'spsti', label: 'Assistante sociale — Mélanie Roussel' },
];

/** The demo accounts for a tenant slug (password DEMO_PASSWORD). */
export function demoAccounts(slug = DEMO_SLUG): DemoAccount[] {
  return ACCOUNT_SPECS.map((a) => ({ email: demoEmail(a.local, slug), role: a.role, label: a.label }));
}

/** The demo accounts of the default tenant `demo`. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = demoAccounts();

function demoEmail(local: string, slug: string): string {
  return `${local}@${slug}.maintien.test`.toLowerCase();
}

const ORGANISATIONS: readonly { key: OrgKey; kind: OrganisationKind; name: string }[] = [
  { key: 'spsti', kind: 'spsti', name: 'Santé Travail Demo' },
  { key: 'cpam', kind: 'cpam', name: 'CPAM du Nord (démo)' },
  { key: 'service_medical', kind: 'service_medical', name: "Service médical de l'Assurance maladie" },
  { key: 'carsat_service_social', kind: 'carsat_service_social', name: 'Service social Carsat Hauts-de-France' },
  { key: 'cap_emploi', kind: 'cap_emploi', name: 'Cap emploi Nord' },
  { key: 'agefiph', kind: 'agefiph', name: 'Agefiph Hauts-de-France' },
  { key: 'france_travail', kind: 'france_travail', name: 'France Travail Lille' },
  { key: 'transitions_pro', kind: 'transitions_pro', name: 'Transitions Pro Hauts-de-France' },
];

/** How many dossiers of each state the demo cell has (160 in all). */
const STATE_PLAN: readonly [DossierState, number][] = [
  ['signale', 14],
  ['a_evaluer', 18],
  ['en_accompagnement', 38],
  ['sorti', 10],
  ['suivi', 18],
  ['clos', 36],
  ['non_retenu', 12],
  ['reoriente', 14],
];

/** Days before `now` a dossier of this state was opened (spread over 18 months). */
const OPENED_DAYS_AGO: Readonly<Record<DossierState, [number, number]>> = {
  signale: [1, 40],
  a_evaluer: [7, 120],
  en_accompagnement: [30, 420],
  sorti: [90, 480],
  suivi: [160, 540],
  clos: [120, 545],
  non_retenu: [10, 400],
  reoriente: [15, 500],
};

const ORIGINS: readonly DossierOrigin[] = ['flux_am', 'employeur', 'medecin_conseil', 'salarie', 'equipe', 'partenaire', 'visite'];
const ORIGIN_WEIGHTS = [30, 15, 12, 10, 18, 5, 10];


const WORKER_COUNT = 1500;
const COMPANY_COUNT = 72;
const EMPLOYER_OPEN_DOSSIERS: readonly DossierState[] = ['en_accompagnement', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi'];
const BATCH = 500;
const DAY = 86_400_000;

/**
 * Creates the demo tenant unless its slug already exists (then nothing changes and
 * `created` is false). Returns the tenant id and the demo accounts.
 */
export async function seedDemo(database: Database, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const slug = opts.slug ?? DEMO_SLUG;
  const accounts = demoAccounts(slug);
  const existing = await demoRepo.findTenantIdBySlug(database.db, slug);
  if (existing) return { tenantId: existing, created: false, accounts };

  // scrypt is deliberately slow: one hash shared by every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = opts.now ?? new Date();
  const data = buildDemoData({
    tenantId: randomUUID(),
    slug,
    now,
    rng: mulberry32(opts.seed ?? DEFAULT_SEED),
    passwordHash,
  });

  const result = await database.db.transaction().execute(async (trx) => {
    // A concurrent seed of the same slug may have won the race since the check above.
    // The tenant and its SPSTI organisation as `maintien service create` makes them.
    const spsti = data.organisations.find((o) => o.kind === 'spsti')!;
    const inserted = await insertService(trx, { tenantId: data.tenantId, slug, name: DEMO_TENANT_NAME, spsti: { id: spsti.id, name: spsti.name } });
    if (!inserted) {
      const t = await demoRepo.findTenantIdBySlug(trx, slug);
      return { tenantId: t!, created: false, accounts };
    }
    await insertAll(trx, 'company', data.companies);
    await insertAll(trx, 'organisation', data.organisations.filter((o) => o !== spsti));
    await insertAll(trx, 'worker', data.workers);
    await insertAll(trx, 'employment', data.employments);
    await insertAll(trx, 'app_user', data.users);
    await insertAll(trx, 'membership', data.memberships);
    await insertAll(trx, 'dossier', data.dossiers);
    await insertAll(trx, 'dossier_assignment', data.assignments);
    await insertAll(trx, 'dossier_transition', data.transitions);
    await insertAll(trx, 'timeline_entry', data.entries);
    await insertAll(trx, 'consent', data.consents);
    await demoRepo.setCounter(trx, data.tenantId, 'dossier', data.dossiers.length);
    await appendAuditEvents(trx, data.tenantId, [
      {
        actorUserId: null,
        actorTokenId: null,
        actorLabel: 'Système (données de démonstration)',
        action: 'demo.seed',
        subjectType: 'tenant',
        subjectId: data.tenantId,
        details: { workers: data.workers.length, dossiers: data.dossiers.length },
      },
    ]);
    return { tenantId: data.tenantId, created: true, accounts };
  });
  if (result.created && opts.modules !== false) await seedModulesDemo(database, result.tenantId, now);
  return result;
}

type Tables = Pick<DB, 'company' | 'organisation' | 'worker' | 'employment' | 'app_user' | 'membership' | 'dossier' | 'dossier_assignment' | 'dossier_transition' | 'timeline_entry' | 'consent'>;

async function insertAll<T extends keyof Tables>(trx: Database['db'], table: T, rows: Insertable<Tables[T]>[]): Promise<void> {
  await demoRepo.insertRows(trx, table, rows as never, { batch: BATCH });
}

// ---------------------------------------------------------------------------------------------
// Generation (pure, in memory)
// ---------------------------------------------------------------------------------------------

interface BuildInput {
  tenantId: string;
  slug: string;
  now: Date;
  rng: Rng;
  passwordHash: string;
}

interface CompanyDraft {
  id: string;
  sector: Sector;
  name: string;
  place: Place;
  workforce: number;
  followed: number;
}

interface WorkerDraft {
  id: string;
  sex: 1 | 2;
  firstNames: string;
  birthName: string;
  usageName: string | null;
  birthDate: Date;
  company: CompanyDraft;
  job: string;
}

interface UserDraft {
  id: string;
  spec: AccountSpec;
}

interface DossierDraft {
  id: string;
  worker: WorkerDraft;
  state: DossierState;
  openedAt: Date;
}

export interface DemoData {
  tenantId: string;
  companies: Insertable<DB['company']>[];
  organisations: Insertable<DB['organisation']>[];
  workers: Insertable<DB['worker']>[];
  employments: Insertable<DB['employment']>[];
  users: Insertable<DB['app_user']>[];
  memberships: Insertable<DB['membership']>[];
  dossiers: Insertable<DB['dossier']>[];
  assignments: Insertable<DB['dossier_assignment']>[];
  transitions: Insertable<DB['dossier_transition']>[];
  entries: Insertable<DB['timeline_entry']>[];
  consents: Insertable<DB['consent']>[];
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const frDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
/** Fills `{name}` placeholders, then elides « de » before a vowel (« poste d'aide-soignante »). */
const fill = (text: string, vars: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '').replace(/\b([Dd])e ([aeiouyéèêâîôhAEIOUYÉÈÊÂÎÔH])/g, "$1'$2");
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/œ/g, 'oe').replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase();

/** A working-hours instant (08:00–17:59 UTC) on the day of `d`. */
function officeHours(rng: Rng, d: Date): Date {
  const x = new Date(d);
  x.setUTCHours(rng.int(7, 16), rng.int(0, 59), rng.int(0, 59), 0);
  return x;
}

/** An instant between `from` and `to` (inclusive), or `from` when the span is empty. */
function between(rng: Rng, from: Date, to: Date): Date {
  const span = to.getTime() - from.getTime();
  return span <= 0 ? new Date(from) : new Date(from.getTime() + Math.floor(rng.next() * span));
}

export function buildDemoData({ tenantId, slug, now, rng, passwordHash }: BuildInput): DemoData {
  const today = civilDate(now);
  const todayDate = new Date(`${today}T12:00:00Z`);

  // --- Organisations and companies ------------------------------------------------------------
  const orgIds = new Map<OrgKey, string>(ORGANISATIONS.map((o) => [o.key, randomUUID()]));
  const companies = buildCompanies(rng);
  const employerCompany = companies[0];
  orgIds.set('employer_company', randomUUID());

  // --- Workers ------------------------------------------------------------------------------
  const usedNirs = new Set<string>();
  const usedSirens = new Set<string>();
  const workers: WorkerDraft[] = [];
  const workerRows: Insertable<DB['worker']>[] = [];
  const employmentRows: Insertable<DB['employment']>[] = [];
  const emails = new Set<string>();
  const companyWeights = companies.map((c) => c.sector.weight * Math.sqrt(c.workforce));

  for (let i = 0; i < WORKER_COUNT; i++) {
    // The first ten work at the demo employer's company, so its employer space is populated.
    const company = i < 10 ? employerCompany : rng.weighted(companies, companyWeights);
    const jobDef: Job = i === 0 ? company.sector.jobs[0] : rng.weighted(company.sector.jobs, company.sector.jobs.map((j) => j.weight));
    const sex: 1 | 2 = i === 0 ? DEMO_WORKER.sex : rng.chance(jobDef.women) ? 2 : 1;
    // Triangular age distribution centred on 42, strictly between 20 and 64 years old.
    const minDays = Math.ceil(20 * 365.25) + 1;
    const maxDays = Math.floor(65 * 365.25) - 2;
    const ageDays = i === 0 ? Math.round(52.4 * 365.25) : Math.floor(minDays + (maxDays - minDays) * ((rng.next() + rng.next()) / 2));
    const birthDate = addDays(todayDate, -ageDays);
    const generation = birthDate.getUTCFullYear() < 1980 ? FIRST_NAMES.older : FIRST_NAMES.younger;
    let firstNames: string = i === 0 ? DEMO_WORKER.firstNames : rng.pick(generation[sex]);
    if (i !== 0 && rng.chance(0.15)) {
      const second = rng.pick(FIRST_NAMES.older[sex]);
      if (second !== firstNames) firstNames = `${firstNames} ${second}`;
    }
    const birthName: string = i === 0 ? DEMO_WORKER.birthName : rng.pick(SURNAMES);
    const age = ageDays / 365.25;
    const usageName = i !== 0 && sex === 2 && age > 26 && rng.chance(0.4) ? rng.pick(SURNAMES) : null;
    const w: WorkerDraft = {
      id: randomUUID(),
      sex,
      firstNames,
      birthName,
      usageName: usageName === birthName ? null : usageName,
      birthDate,
      company,
      job: sex === 2 ? jobDef.f : jobDef.m,
    };
    company.followed += 1;
    workers.push(w);

    const home = rng.chance(0.6) ? company.place : rng.pick(PLACES);
    const shownName = `${ascii(firstNames.split(' ')[0])}.${ascii(w.usageName ?? birthName)}`;
    let email: string | null = null;
    if (i === 0) email = demoEmail('salarie', slug);
    else if (rng.chance(0.5)) {
      email = `${shownName}@courriel.test`;
      for (let n = 2; emails.has(email); n++) email = `${shownName}${n}@courriel.test`;
    }
    if (email) emails.add(email);
    const createdAt = officeHours(rng, addDays(now, -rng.int(600, 2200)));
    workerRows.push({
      tenant_id: tenantId,
      id: w.id,
      nir: makeNir(rng, sex, birthDate, usedNirs),
      identity_status: i === 0 ? 'qualifiee' : rng.weighted(['qualifiee', 'validee', 'recuperee', 'provisoire'], [85, 7, 4, 4]),
      birth_name: birthName,
      usage_name: w.usageName,
      first_names: firstNames,
      birth_date: isoDate(birthDate),
      sex,
      email,
      // ARCEP reserves 06 39 98 xx xx for fiction: no real subscriber can be reached.
      phone: rng.chance(0.75) ? `06 39 98 ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}` : null,
      postal_code: home.postalCode,
      city: home.city,
      created_at: createdAt,
      updated_at: createdAt,
    });

    // Current employment (no end date), and for some a previous one.
    const age18 = addDays(birthDate, Math.ceil(18 * 365.25));
    const earliest = new Date(Math.max(age18.getTime(), addDays(todayDate, -25 * 365).getTime()));
    const start = between(rng, earliest, addDays(todayDate, -400));
    const young = age < 26;
    const contract = young && rng.chance(0.2) ? 'apprentissage' : rng.weighted(CONTRACTS.slice(0, 3), CONTRACT_WEIGHTS.slice(0, 3));
    employmentRows.push({
      tenant_id: tenantId,
      id: randomUUID(),
      worker_id: w.id,
      company_id: company.id,
      job_title: w.job,
      pcs: jobDef.pcs,
      contract_type: i === 0 ? 'cdi' : contract,
      start_date: isoDate(start),
      end_date: null,
    });
    if (rng.chance(0.25) && start.getTime() - earliest.getTime() > 400 * DAY) {
      const prevCompany = rng.pick(companies.filter((c) => c !== company));
      const prevJob = rng.weighted(prevCompany.sector.jobs, prevCompany.sector.jobs.map((j) => j.weight));
      const prevEnd = addDays(start, -rng.int(1, 120));
      const prevStart = between(rng, earliest, addDays(prevEnd, -180));
      employmentRows.push({
        tenant_id: tenantId,
        id: randomUUID(),
        worker_id: w.id,
        company_id: prevCompany.id,
        job_title: sex === 2 ? prevJob.f : prevJob.m,
        pcs: prevJob.pcs,
        contract_type: rng.weighted(['cdi', 'cdd', 'interim'], [50, 30, 20]),
        start_date: isoDate(prevStart),
        end_date: isoDate(prevEnd),
      });
    }
  }

  const companyRows: Insertable<DB['company']>[] = companies.map((c) => {
    let siren8: string;
    do siren8 = String(rng.int(30_000_000, 99_999_999)); while (usedSirens.has(siren8));
    usedSirens.add(siren8);
    const siret = makeSiret(siren8, String(rng.int(1, 120)));
    return {
      tenant_id: tenantId,
      id: c.id,
      siret,
      siren: siret.slice(0, 9),
      name: c.name,
      naf: c.sector.naf,
      // The workforce counts every employee, followed or not.
      workforce: Math.max(c.workforce, c.followed + rng.int(2, 15)),
      postal_code: c.place.postalCode,
      city: c.place.city,
    };
  });

  const organisationRows: Insertable<DB['organisation']>[] = [
    ...ORGANISATIONS.map((o) => ({ tenant_id: tenantId, id: orgIds.get(o.key)!, kind: o.kind, name: o.name, company_id: null })),
    { tenant_id: tenantId, id: orgIds.get('employer_company')!, kind: 'company', name: employerCompany.name, company_id: employerCompany.id },
  ];

  // --- Users ----------------------------------------------------------------------------------
  const users = new Map<string, UserDraft>(ACCOUNT_SPECS.map((spec) => [spec.local, { id: randomUUID(), spec }]));
  const u = (local: string) => users.get(local)!;
  const userRows: Insertable<DB['app_user']>[] = [...users.values()].map(({ id, spec }) => ({
    tenant_id: tenantId,
    id,
    email: demoEmail(spec.local, slug),
    display_name: spec.displayName,
    password_hash: passwordHash,
    worker_id: spec.role === 'worker' ? workers[0].id : null,
    created_at: addDays(now, -600),
  }));
  const membershipRows: Insertable<DB['membership']>[] = [...users.values()].map(({ id, spec }) => ({
    tenant_id: tenantId,
    id: randomUUID(),
    user_id: id,
    organisation_id: orgIds.get(spec.org)!,
    role: spec.role,
    created_at: addDays(now, -600),
  }));
  const byRole = (role: Role) => [...users.values()].filter((x) => x.spec.role === role);

  // --- Dossiers -------------------------------------------------------------------------------
  const states: DossierState[] = STATE_PLAN.flatMap(([s, n]) => Array<DossierState>(n).fill(s));
  // The employer's company gets five open dossiers (the demo salariée first) and one closed.
  const employerWorkers = workers.slice(0, 10);
  const reserved: { worker: WorkerDraft; state: DossierState }[] = [
    ...EMPLOYER_OPEN_DOSSIERS.map((state, k) => ({ worker: employerWorkers[k], state })),
    { worker: employerWorkers[5], state: 'clos' as DossierState },
  ];
  for (const r of reserved) states.splice(states.indexOf(r.state), 1);
  const pool = rng.shuffle(workers.slice(10));
  const drafts: DossierDraft[] = [
    ...reserved.map((r) => ({ id: randomUUID(), worker: r.worker, state: r.state, openedAt: new Date(0) })),
    ...states.map((state, k) => ({ id: randomUUID(), worker: pool[k], state, openedAt: new Date(0) })),
  ];
  for (const d of drafts) {
    const [lo, hi] = OPENED_DAYS_AGO[d.state];
    d.openedAt = officeHours(rng, addDays(now, -rng.int(lo, hi)));
  }
  drafts.find((d) => d.worker === workers[0])!.openedAt = officeHours(rng, addDays(now, -150));
  // References follow the order of opening, as the application would have numbered them.
  drafts.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  const demoDossier = drafts.find((d) => d.worker === workers[0])!;
  const employerDossierIds = new Set(drafts.filter((d) => employerWorkers.includes(d.worker) && isOpenState(d.state)).map((d) => d.id));

  // The demo médecin must see every open state and some overdue cases in « Mes dossiers ».
  const forcedMedecin = new Set<string>([demoDossier.id]);
  for (const s of OPEN_STATES) drafts.filter((d) => d.state === s).slice(0, 3).forEach((d) => forcedMedecin.add(d.id));

  const dossierRows: Insertable<DB['dossier']>[] = [];
  const assignmentRows: Insertable<DB['dossier_assignment']>[] = [];
  const transitionRows: Insertable<DB['dossier_transition']>[] = [];
  const entryRows: Insertable<DB['timeline_entry']>[] = [];
  const dueOffsets = new Map<string, number>();
  const info = new Map<string, { origin: DossierOrigin; fragility: string | null; openedAt: Date; lastAt: Date }>();
  let overdueForced = 0;

  drafts.forEach((d, index) => {
    const isDemo = d === demoDossier;
    const open = isOpenState(d.state);
    const origin: DossierOrigin = isDemo ? 'medecin_conseil' : rng.weighted(ORIGINS, ORIGIN_WEIGHTS);
    const path = pathTo(rng, d.state);
    const lastBound = addDays(now, -1);
    // Transition instants: creation at opening, the rest spread in order up to yesterday.
    const times = [d.openedAt, ...Array.from({ length: path.length - 1 }, () => between(rng, addDays(d.openedAt, 2), lastBound))]
      .sort((a, b) => a.getTime() - b.getTime());
    const lastAt = times[times.length - 1];

    // Due date: for open cases, from 20 days late to 45 days ahead.
    let dueOffset: number | null = null;
    if (open) {
      dueOffset = isDemo ? 7 : rng.int(-20, 45);
      if (dueOffset < 0 && overdueForced < 6) {
        forcedMedecin.add(d.id);
        overdueForced += 1;
      }
      dueOffsets.set(d.id, dueOffset);
    }
    const fragility = d.state === 'signale' || d.state === 'non_retenu' ? null : isDemo ? 'T2' : rng.weighted(['T1', 'T2', 'T3a', 'T3b', 'T4'], [20, 35, 20, 15, 10]);
    // IGAS rec. 2: the more degraded the situation, the more the service social Carsat leads.
    const lead = fragility === 'T3b' || fragility === 'T4' ? orgIds.get('carsat_service_social')! : orgIds.get('spsti')!;

    // Team: a health professional, a chargé·e de mission, sometimes a third professional.
    const health = forcedMedecin.has(d.id)
      ? u('medecin')
      : rng.weighted([u('medecin'), u('medecin2'), u('infirmier'), u('infirmier2')], [40, 30, 18, 12]);
    const charge = rng.chance(0.6) ? u('charge-mission') : u('charge-mission2');
    const third = rng.pick([u('social'), u('social2'), u('psychologue'), u('ergonome')]);
    let team: UserDraft[];
    if (isDemo) team = [u('medecin'), u('charge-mission'), u('social')];
    else if (d.state === 'signale' && !forcedMedecin.has(d.id)) team = [rng.chance(0.5) ? charge : health];
    else team = rng.chance(0.45) ? [health, charge, third] : [health, charge];
    const referent = isDemo ? u('charge-mission') : team.length === 1 || rng.chance(0.4) ? team[0] : team[1];
    const assignedAt = between(rng, d.openedAt, new Date(Math.min(addDays(d.openedAt, 3).getTime(), now.getTime() - 60_000)));
    for (const m of team) {
      assignmentRows.push({ tenant_id: tenantId, dossier_id: d.id, user_id: m.id, is_referent: m === referent, assigned_at: assignedAt });
    }

    const opener = origin === 'flux_am' ? null : rng.weighted([u('assistant'), charge, health], [50, 30, 20]);
    const company = d.worker.company;
    const summary = fill(rng.pick(SUMMARIES[origin]), { n: String(rng.pick([45, 60, 90, 120])), job: d.worker.job.toLowerCase(), company: company.name });
    const reference = dossierReference(now.getUTCFullYear(), index + 1);

    // Entries: opening, assignment, one per transition, then notes.
    const entries: Insertable<DB['timeline_entry']>[] = [];
    const entry = (e: Omit<Insertable<DB['timeline_entry']>, 'tenant_id' | 'id' | 'dossier_id'>) =>
      entries.push({ tenant_id: tenantId, id: randomUUID(), dossier_id: d.id, ...e });
    entry({
      kind: 'creation',
      category: 'administrative',
      title: 'Ouverture du dossier',
      body: `Dossier ouvert (origine : ${ORIGIN_LABELS[origin]}). ${summary}`,
      shared_with_worker: false,
      author_user_id: opener?.id ?? null,
      author_name: opener?.spec.displayName ?? 'Flux Assurance maladie',
      created_at: d.openedAt,
    });
    entry({
      kind: 'assignment',
      category: 'administrative',
      title: 'Attribution',
      body: `Dossier attribué à ${team.map((m) => m.spec.displayName).join(', ')} (référent·e : ${referent.spec.displayName}).`,
      shared_with_worker: false,
      author_user_id: (opener ?? u('assistant')).id,
      author_name: (opener ?? u('assistant')).spec.displayName,
      created_at: assignedAt,
    });

    path.forEach((step, k) => {
      // Decisions on the course of a case are taken by the team, not the assistant.
      const actorUser = k === 0 ? opener : rng.chance(0.6) ? referent : rng.pick(team);
      transitionRows.push({
        tenant_id: tenantId,
        id: randomUUID(),
        dossier_id: d.id,
        from_state: step.from,
        to_state: step.to,
        reason: step.reason,
        actor_user_id: actorUser?.id ?? null,
        at: times[k],
      });
      if (step.from === null) return;
      entry({
        kind: 'transition',
        category: 'administrative',
        title: TRANSITION_LABELS[step.to as Exclude<DossierState, 'signale'>],
        body: `« ${STATE_LABELS[step.from]} » → « ${STATE_LABELS[step.to]} »${step.reason ? ` : ${step.reason}` : ''}`,
        shared_with_worker: false,
        author_user_id: actorUser!.id,
        author_name: actorUser!.spec.displayName,
        created_at: times[k],
      });
    });

    // Notes are written while the case is worked on: between opening and the last transition
    // for closed cases, up to now for open ones.
    const noteEnd = open ? new Date(now.getTime() - 3_600_000) : lastAt;
    const noteStart = new Date(Math.min(addDays(d.openedAt, 1).getTime(), noteEnd.getTime()));
    const noteAt = () => between(rng, noteStart, noteEnd);
    const dateIn = (at: Date) => frDate(addDays(at, rng.int(3, 20)));
    const healthAuthor = health.spec.role === 'medecin_travail' || health.spec.role === 'infirmier' ? health : u('medecin');
    const medicalNote = (shared: boolean, author = healthAuthor, forced?: (typeof MEDICAL_NOTES)[number]) => {
      const nurse = author.spec.role === 'infirmier';
      const candidates = MEDICAL_NOTES.filter((n) => (n.title === 'Entretien infirmier') === nurse);
      const n = forced ?? rng.pick(candidates);
      entry({ kind: 'note', category: 'medical', title: n.title, body: n.body, shared_with_worker: shared, author_user_id: author.id, author_name: author.spec.displayName, created_at: noteAt() });
    };
    const sensitiveNote = (shared: boolean) => {
      const n = rng.pick(SENSITIVE_NOTES);
      const author = team.find((m) => n.roles.includes(m.spec.role)) ?? rng.pick(byRole(n.roles[0] as Role));
      entry({ kind: 'note', category: 'sensitive', title: n.title, body: n.body, shared_with_worker: shared, author_user_id: author.id, author_name: author.spec.displayName, created_at: noteAt() });
    };
    const adminNote = (forceShared?: boolean, forced?: (typeof ADMINISTRATIVE_NOTES)[number]) => {
      const n = forced ?? rng.pick(ADMINISTRATIVE_NOTES);
      const author = rng.weighted([u('assistant'), charge, referent], [40, 35, 25]);
      const at = noteAt();
      entry({ kind: 'note', category: 'administrative', title: n.title, body: fill(n.body, { date: dateIn(at) }), shared_with_worker: forceShared ?? (n.shared && rng.chance(0.7)), author_user_id: author.id, author_name: author.spec.displayName, created_at: at });
    };
    const employerNote = (shared: boolean, forced?: (typeof EMPLOYER_NOTES)[number]) => {
      const n = forced ?? rng.pick(EMPLOYER_NOTES);
      // Recommendations on the post are the médecin du travail's (C. trav. L4624-3).
      const author =
        n.title === 'Recommandation'
          ? team.find((m) => m.spec.role === 'medecin_travail') ?? rng.pick(byRole('medecin_travail'))
          : n.title === 'Étude de poste'
            ? u('ergonome')
            : charge;
      const at = noteAt();
      entry({ kind: 'note', category: 'employer_visible', title: n.title, body: fill(n.body, { date: dateIn(at) }), shared_with_worker: shared, author_user_id: author.id, author_name: author.spec.displayName, created_at: at });
    };

    if (isDemo) {
      adminNote(true, ADMINISTRATIVE_NOTES[1]);
      adminNote(true, ADMINISTRATIVE_NOTES[0]);
      medicalNote(false, u('medecin'), MEDICAL_NOTES[0]);
      medicalNote(false, u('infirmier'));
      sensitiveNote(false);
      employerNote(true, EMPLOYER_NOTES[0]);
      employerNote(true, EMPLOYER_NOTES[1]);
      adminNote(true, ADMINISTRATIVE_NOTES[7]);
    } else {
      const worked = d.state !== 'signale';
      adminNote();
      if (rng.chance(0.5)) adminNote();
      if (worked && rng.chance(0.75)) medicalNote(rng.chance(0.15));
      if (worked && rng.chance(0.3)) medicalNote(false);
      if (worked && rng.chance(0.5)) sensitiveNote(rng.chance(0.1));
      const withEmployer = employerDossierIds.has(d.id) || (worked && d.state !== 'a_evaluer' && d.state !== 'non_retenu' && rng.chance(0.6));
      if (withEmployer) employerNote(rng.chance(0.6));
      if (withEmployer && rng.chance(0.3)) employerNote(rng.chance(0.6));
    }
    entryRows.push(...entries);
    const lastActivity = entries.reduce((m, e) => Math.max(m, new Date(e.created_at as Date).getTime()), lastAt.getTime());

    dossierRows.push({
      tenant_id: tenantId,
      id: d.id,
      reference,
      worker_id: d.worker.id,
      state: d.state,
      origin,
      summary,
      lead_organisation_id: lead,
      fragility_level: fragility,
      next_due_date: dueOffset === null ? null : isoDate(addDays(todayDate, dueOffset)),
      opened_at: d.openedAt,
      opened_by: opener?.id ?? null,
      state_changed_at: lastAt,
      closed_at: d.state === 'clos' ? lastAt : null,
      updated_at: new Date(lastActivity),
      version: path.length,
    });
    info.set(d.id, { origin, fragility, openedAt: d.openedAt, lastAt });
  });

  // --- Consents -------------------------------------------------------------------------------
  // About thirty workers agreed to share their case with a partner; a few withdrew since.
  const consentRows: Insertable<DB['consent']>[] = [];
  const partners: { key: OrgKey; prefer: (i: { origin: DossierOrigin; fragility: string | null }) => boolean }[] = [
    { key: 'cpam', prefer: (i) => i.origin === 'flux_am' },
    { key: 'service_medical', prefer: (i) => i.origin === 'medecin_conseil' },
    { key: 'carsat_service_social', prefer: (i) => i.fragility === 'T3b' || i.fragility === 'T4' },
    { key: 'cap_emploi', prefer: (i) => i.fragility === 'T3a' || i.fragility === 'T3b' },
  ];
  const eligible = drafts.filter((d) => d.state !== 'signale');
  const consentPairs = new Set<string>();
  for (const p of partners) {
    const ranked = rng.shuffle(eligible).sort((a, b) => Number(p.prefer(info.get(b.id)!)) - Number(p.prefer(info.get(a.id)!)));
    const chosen = ranked.slice(0, 8);
    if (p.key === 'cpam' && !chosen.includes(demoDossier)) chosen[7] = demoDossier;
    chosen.forEach((d, k) => {
      const pair = `${d.worker.id}:${p.key}`;
      if (consentPairs.has(pair)) return;
      consentPairs.add(pair);
      const i = info.get(d.id)!;
      const grantedAt = between(rng, addDays(i.openedAt, 1), addDays(now, -10));
      const withdrawn = d !== demoDossier && k >= 6; // two of eight withdrawn per partner
      consentRows.push({
        tenant_id: tenantId,
        id: randomUUID(),
        worker_id: d.worker.id,
        purpose: 'partage_dossier',
        recipient_organisation_id: orgIds.get(p.key)!,
        granted_at: grantedAt,
        withdrawn_at: withdrawn ? between(rng, addDays(grantedAt, 1), addDays(now, -1)) : null,
        recorded_by: rng.pick([u('charge-mission'), u('charge-mission2'), u('social')]).id,
        source: 'professionnel',
      });
    });
  }

  return {
    tenantId,
    companies: companyRows,
    organisations: organisationRows,
    workers: workerRows,
    employments: employmentRows,
    users: userRows,
    memberships: membershipRows,
    dossiers: dossierRows,
    assignments: assignmentRows,
    transitions: transitionRows,
    entries: entryRows,
    consents: consentRows,
  };
}

function buildCompanies(rng: Rng): CompanyDraft[] {
  const names = new Set<string>();
  const out: CompanyDraft[] = [];
  const ehpad = SECTORS.find((s) => s.naf === '8710A')!;
  out.push({ id: randomUUID(), sector: ehpad, name: EMPLOYER_COMPANY_NAME, place: COMPANY_PLACES[1], workforce: 95, followed: 0 });
  names.add(EMPLOYER_COMPANY_NAME);
  // Every sector at least once, then the rest weighted like the service's membership.
  const sectors = [...SECTORS, ...Array.from({ length: COMPANY_COUNT - 1 - SECTORS.length }, () => rng.weighted(SECTORS, SECTORS.map((s) => s.weight)))];
  for (const sector of sectors) {
    let name = '';
    let place: Place = COMPANY_PLACES[0];
    // The demo employer's name stays unique, so that its employer space is unambiguous.
    const patterns = sector.names.filter((n) => n !== EMPLOYER_COMPANY_NAME);
    for (let attempt = 0; attempt < 100; attempt++) {
      place = rng.pick(COMPANY_PLACES);
      const [pays, dupays] = rng.pick(REGION_AREAS);
      name = fill(rng.pick(patterns), { nom: rng.pick(SURNAMES), ville: place.city, pays, dupays });
      if (!names.has(name)) break;
      if (attempt >= 20 && !names.has(`${name} (${place.city})`)) {
        name = `${name} (${place.city})`;
        break;
      }
    }
    names.add(name);
    out.push({ id: randomUUID(), sector, name, place, workforce: rng.int(sector.workforce[0], sector.workforce[1]), followed: 0 });
  }
  return out;
}

/** A valid, unused NIR for a person born in the region (a few elsewhere or abroad). */
function makeNir(rng: Rng, sex: 1 | 2, birthDate: Date, used: Set<string>): string {
  const yy = String(birthDate.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(birthDate.getUTCMonth() + 1).padStart(2, '0');
  for (;;) {
    const r = rng.next();
    // Department + commune (or 99 + country code for persons born abroad).
    const place = r < 0.9 ? rng.pick(PLACES).insee : r < 0.95 ? `751${String(rng.int(1, 20)).padStart(2, '0')}` : `99${rng.pick(['350', '352', '351', '139', '122', '127'])}`;
    const first13 = `${sex}${yy}${mm}${place}${String(rng.int(1, 999)).padStart(3, '0')}`;
    if (used.has(first13)) continue;
    used.add(first13);
    return first13 + nirKey(first13);
  }
}

interface Step {
  from: DossierState | null;
  to: DossierState;
  reason: string | null;
}

/** A legal path (see states.ts) from creation to `state`, with reasons where required. */
function pathTo(rng: Rng, state: DossierState): Step[] {
  const chains: Record<DossierState, DossierState[][]> = {
    signale: [['signale']],
    a_evaluer: [['signale', 'a_evaluer'], ['signale', 'a_evaluer'], ['signale', 'a_evaluer'], ['signale', 'non_retenu', 'a_evaluer']],
    en_accompagnement: [['signale', 'a_evaluer', 'en_accompagnement']],
    sorti: [['signale', 'a_evaluer', 'en_accompagnement', 'sorti']],
    suivi: [['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']],
    clos: [
      ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi', 'clos'],
      ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi', 'clos'],
      ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'clos'],
      ['signale', 'non_retenu', 'clos'],
      ['signale', 'a_evaluer', 'reoriente', 'clos'],
      ['signale', 'a_evaluer', 'en_accompagnement', 'reoriente', 'clos'],
    ],
    non_retenu: [['signale', 'non_retenu'], ['signale', 'a_evaluer', 'non_retenu']],
    reoriente: [['signale', 'reoriente'], ['signale', 'a_evaluer', 'reoriente'], ['signale', 'a_evaluer', 'en_accompagnement', 'reoriente']],
  };
  const chain = rng.pick(chains[state]);
  return chain.map((to, k) => {
    const from = k === 0 ? null : chain[k - 1];
    let reason: string | null = null;
    if (from === 'non_retenu' && to === 'a_evaluer') reason = rng.pick(TRANSITION_REASONS.a_evaluer_again);
    else if (to === 'non_retenu' || to === 'reoriente') reason = rng.pick(TRANSITION_REASONS[to]);
    else if (from !== null && rng.chance(0.7)) reason = rng.pick(TRANSITION_REASONS[to]);
    return { from, to, reason };
  });
}
