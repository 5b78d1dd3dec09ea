/** SQL of the signals channels: employer declarations, fiches de liaison, saisines, signal lists. */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../schema';
import type { EmployerDeclarationTable, SaisineTable, VprOrientationTable } from '../schema-intake/signals';

type Q = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Workers (identification)
// ---------------------------------------------------------------------------------------------

/** Workers currently employed by the company and born on `birthDate` (candidates of a declared identity). */
export async function findCompanyWorkersBornOn(db: Q, tenantId: string, companyId: string, birthDate: string, today: string) {
  return db
    .selectFrom('employment as e')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'e.tenant_id').onRef('w.id', '=', 'e.worker_id'))
    .select(['w.id', 'w.nir', 'w.birth_name', 'w.usage_name', 'w.first_names', 'w.birth_date'])
    .distinct()
    .where('e.tenant_id', '=', tenantId)
    .where('e.company_id', '=', companyId)
    .where('w.birth_date', '=', birthDate)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', today)]))
    .execute();
}

export async function findWorkerIdentityByNir(db: Q, tenantId: string, nir: string) {
  return db
    .selectFrom('worker')
    .select(['id', 'nir', 'birth_name', 'usage_name', 'first_names', 'birth_date'])
    .where('tenant_id', '=', tenantId)
    .where('nir', '=', nir)
    .executeTakeFirst();
}

export async function findWorkerIdentity(db: Q, tenantId: string, id: string) {
  return db
    .selectFrom('worker')
    .select(['id', 'nir', 'birth_name', 'usage_name', 'first_names', 'birth_date'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Is the worker employed by the company today? */
export async function isCurrentEmployee(db: Q, tenantId: string, workerId: string, companyId: string, today: string) {
  const row = await db
    .selectFrom('employment')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Workers with a current consent naming the organisation (a partner's saisine picker). */
export async function findWorkersConsentedTo(db: Q, tenantId: string, organisationId: string, limit: number) {
  return db
    .selectFrom('consent as c')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'c.tenant_id').onRef('w.id', '=', 'c.worker_id'))
    .select(['w.id', 'w.birth_name', 'w.usage_name', 'w.first_names'])
    .distinct()
    .where('c.tenant_id', '=', tenantId)
    .where('c.recipient_organisation_id', '=', organisationId)
    .where('c.withdrawn_at', 'is', null)
    .orderBy('w.birth_name')
    .orderBy('w.first_names')
    .orderBy('w.id')
    .limit(limit)
    .execute();
}

export async function hasCurrentConsent(db: Q, tenantId: string, workerId: string, organisationId: string) {
  const row = await db
    .selectFrom('consent')
    .select('granted_at')
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('recipient_organisation_id', '=', organisationId)
    .where('withdrawn_at', 'is', null)
    .orderBy('granted_at', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Employer declarations
// ---------------------------------------------------------------------------------------------

/** Inserts a declaration; undefined when the same one (company, identity, start date) exists. */
export async function insertDeclaration(db: Q, row: Insertable<EmployerDeclarationTable>) {
  return db
    .insertInto('employer_declaration')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'company_id', 'identity_key', 'start_date']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

/** A declaration of the same worker, company and start date (whatever the identity spelling). */
export async function findDeclarationOfWorker(db: Q, tenantId: string, companyId: string, workerId: string, startDate: string) {
  return db
    .selectFrom('employer_declaration')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('company_id', '=', companyId)
    .where('worker_id', '=', workerId)
    .where('start_date', '=', startDate)
    .executeTakeFirst();
}

export async function linkDeclaration(db: Q, tenantId: string, id: string, links: { arret_id: string; signal_id: string; dossier_id: string | null; worker_id?: string; status?: string; resolved_by?: string | null; resolved_at?: Date }) {
  await db.updateTable('employer_declaration').set(links).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findDeclarationForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('employer_declaration').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The employer's view: his company's declarations with the state of the dossier (for the status only). */
export async function findDeclarationsOfCompany(db: Q, tenantId: string, companyId: string, limit: number) {
  return db
    .selectFrom('employer_declaration as d')
    .leftJoin('dossier as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.dossier_id'))
    .select(['d.id', 'd.birth_name', 'd.first_names', 'd.start_date', 'd.expected_end_date', 'd.nature', 'd.worker_informed_vpr', 'd.status', 'd.channel', 'd.declared_at', 'o.state as dossier_state'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.company_id', '=', companyId)
    .orderBy('d.declared_at', 'desc')
    .orderBy('d.start_date', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Declarations whose worker the cell must identify. */
export async function findDeclarationsToVerify(db: Q, tenantId: string, limit: number) {
  return db
    .selectFrom('employer_declaration as d')
    .innerJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.company_id'))
    .select(['d.id', 'd.birth_name', 'd.first_names', 'd.birth_date', 'd.nir', 'd.start_date', 'd.expected_end_date', 'd.nature', 'd.worker_informed_vpr', 'd.declared_at', 'c.id as company_id', 'c.name as company_name'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.status', '=', 'a_verifier')
    .orderBy('d.declared_at', 'asc')
    .limit(limit)
    .execute();
}

export async function countDeclarationsToVerify(db: Q, tenantId: string) {
  const r = await db.selectFrom('employer_declaration').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('status', '=', 'a_verifier').executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------
// Fiches de liaison
// ---------------------------------------------------------------------------------------------

/** Inserts a fiche; undefined when one is already pending for this worker and service médical. */
export async function insertVpr(db: Q, row: Insertable<VprOrientationTable>) {
  return db
    .insertInto('vpr_orientation')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'organisation_id', 'worker_id']).where('status', '=', 'en_attente').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

export async function findPendingVpr(db: Q, tenantId: string, organisationId: string, workerId: string) {
  return db
    .selectFrom('vpr_orientation')
    .select(['id', 'filed_at'])
    .where('tenant_id', '=', tenantId)
    .where('organisation_id', '=', organisationId)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'en_attente')
    .executeTakeFirst();
}

export async function linkVpr(db: Q, tenantId: string, id: string, links: { signal_id: string; dossier_id: string | null }) {
  await db.updateTable('vpr_orientation').set(links).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findVprForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('vpr_orientation').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function answerVpr(
  db: Q,
  tenantId: string,
  id: string,
  a: { status: string; vpr_date: string | null; non_objection: boolean; recommendations: string | null; answered_by: string | null; answered_by_name: string; answered_at: Date },
) {
  const r = await db.updateTable('vpr_orientation').set(a).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'en_attente').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const vprColumns = [
  'v.id',
  'v.worker_id',
  'v.organisation_id',
  'v.filed_by_name',
  'v.contact',
  'v.reason',
  'v.consent_date',
  'v.status',
  'v.vpr_date',
  'v.non_objection',
  'v.recommendations',
  'v.answered_by_name',
  'v.answered_at',
  'v.dossier_id',
  'v.filed_at',
  'w.birth_name',
  'w.usage_name',
  'w.first_names',
  'w.birth_date',
] as const;

/** The fiches of a service médical (its own space). */
export async function findVprOfOrganisation(db: Q, tenantId: string, organisationId: string, limit: number) {
  return db
    .selectFrom('vpr_orientation as v')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'v.tenant_id').onRef('w.id', '=', 'v.worker_id'))
    .select(vprColumns)
    .where('v.tenant_id', '=', tenantId)
    .where('v.organisation_id', '=', organisationId)
    .orderBy('v.filed_at', 'desc')
    .orderBy('v.id')
    .limit(limit)
    .execute();
}

/** The cell's list of fiches (pending first when not filtered), one page. */
export async function findVprPage(db: Q, tenantId: string, f: { answered?: boolean; limit: number; offset: number }) {
  let q = db
    .selectFrom('vpr_orientation as v')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'v.tenant_id').onRef('w.id', '=', 'v.worker_id'))
    .innerJoin('organisation as g', (j) => j.onRef('g.tenant_id', '=', 'v.tenant_id').onRef('g.id', '=', 'v.organisation_id'))
    .leftJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.dossier_id'))
    .where('v.tenant_id', '=', tenantId);
  if (f.answered === true) q = q.where('v.status', '<>', 'en_attente');
  if (f.answered === false) q = q.where('v.status', '=', 'en_attente');
  const [rows, count] = await Promise.all([
    q
      .select([...vprColumns, 'g.name as organisation_name', 'd.reference as dossier_reference'])
      .orderBy('v.filed_at', f.answered === false ? 'asc' : 'desc')
      .orderBy('v.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findVprOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db
    .selectFrom('vpr_orientation as v')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'v.tenant_id').onRef('w.id', '=', 'v.worker_id'))
    .innerJoin('organisation as g', (j) => j.onRef('g.tenant_id', '=', 'v.tenant_id').onRef('g.id', '=', 'v.organisation_id'))
    .select([...vprColumns, 'g.name as organisation_name'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.dossier_id', '=', dossierId)
    .orderBy('v.filed_at', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Saisines
// ---------------------------------------------------------------------------------------------

export async function insertSaisine(db: Q, row: Insertable<SaisineTable>) {
  return db.insertInto('saisine').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function linkSaisine(db: Q, tenantId: string, id: string, links: { signal_id: string; dossier_id: string | null }) {
  await db.updateTable('saisine').set(links).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** An author's own saisines, with the dossier state (for the status only). */
export async function findSaisinesOfAuthor(db: Q, tenantId: string, authorUserId: string, limit: number) {
  return db
    .selectFrom('saisine as s')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 's.tenant_id').onRef('w.id', '=', 's.worker_id'))
    .leftJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 's.tenant_id').onRef('d.id', '=', 's.dossier_id'))
    .select(['s.id', 's.reason', 's.author_kind', 's.created_at', 'w.birth_name', 'w.usage_name', 'w.first_names', 'd.state as dossier_state'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.author_user_id', '=', authorUserId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Signals (the cell's list)
// ---------------------------------------------------------------------------------------------

export interface SignalFilter {
  tenantId: string;
  sources?: readonly string[];
  kinds?: readonly string[];
  /** Received on or after this instant. */
  from?: Date;
  /** Received before this instant. */
  to?: Date;
  dossierId?: string;
  limit: number;
  offset: number;
}

export async function findSignalPage(db: Q, f: SignalFilter) {
  let q = db
    .selectFrom('signal as s')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 's.tenant_id').onRef('w.id', '=', 's.worker_id'))
    .leftJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 's.tenant_id').onRef('d.id', '=', 's.dossier_id'))
    .where('s.tenant_id', '=', f.tenantId);
  if (f.sources?.length) q = q.where('s.source', 'in', f.sources as string[]);
  if (f.kinds?.length) q = q.where('s.kind', 'in', f.kinds as string[]);
  if (f.from) q = q.where('s.received_at', '>=', f.from);
  if (f.to) q = q.where('s.received_at', '<', f.to);
  if (f.dossierId) q = q.where('s.dossier_id', '=', f.dossierId);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('vpr_orientation as v', (j) =>
        j.onRef('v.tenant_id', '=', 's.tenant_id').onRef('v.id', '=', 's.origin_id').on('s.origin_table', '=', 'vpr_orientation'),
      )
      .select([
        's.id',
        's.source',
        's.kind',
        's.reason',
        's.received_at',
        's.consent_given',
        's.consent_date',
        's.worker_id',
        'w.birth_name',
        'w.usage_name',
        'w.first_names',
        'd.id as dossier_id',
        'd.reference as dossier_reference',
        'd.state as dossier_state',
        'v.id as vpr_id',
        'v.status as vpr_status',
      ])
      .orderBy('s.received_at', 'desc')
      .orderBy('s.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countPendingVpr(db: Q, tenantId: string) {
  const r = await db.selectFrom('vpr_orientation').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('status', '=', 'en_attente').executeTakeFirstOrThrow();
  return Number(r.n);
}
