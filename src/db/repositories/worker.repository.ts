/** SQL of workers and employments. */
import { sql, type Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DB, EmploymentTable, WorkerTable } from '../schema';

type Q = Kysely<DB>;

export async function findWorker(db: Q, tenantId: string, id: string) {
  return db.selectFrom('worker').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findWorkerByNir(db: Q, tenantId: string, nir: string) {
  return db.selectFrom('worker').select(['id']).where('tenant_id', '=', tenantId).where('nir', '=', nir).executeTakeFirst();
}

export interface WorkerSearch {
  tenantId: string;
  nir?: string;
  birthDate?: string;
  words?: string[];
  limit: number;
  offset: number;
}

export async function searchWorkers(db: Q, s: WorkerSearch) {
  let q = db.selectFrom('worker as w').where('w.tenant_id', '=', s.tenantId);
  if (s.nir) q = q.where('w.nir', '=', s.nir);
  if (s.birthDate) q = q.where('w.birth_date', '=', s.birthDate);
  for (const word of s.words ?? []) {
    // `search_text` (migration 0003) starts every word with a space.
    q = q.where('w.search_text', 'like', `% ${escapeLike(normaliseSearchWord(word))}%`);
  }
  const [rows, count] = await Promise.all([
    q
      .select(['w.id', 'w.birth_name', 'w.usage_name', 'w.first_names', 'w.birth_date'])
      .orderBy(sql`lower(w.birth_name)`)
      .orderBy(sql`lower(w.first_names)`)
      .orderBy('w.id')
      .limit(s.limit)
      .offset(s.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}


export async function findEmployments(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('employment as e')
    .innerJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.company_id'))
    .select(['e.id', 'e.job_title', 'e.pcs', 'e.contract_type', 'e.start_date', 'e.end_date', 'c.id as company_id', 'c.name as company_name', 'c.siret as company_siret'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.worker_id', '=', workerId)
    .orderBy('e.start_date', 'desc')
    .execute();
}

/** Companies employing the worker today (no end date, or ending today or later). */
export async function findCurrentEmployerIds(db: Q, tenantId: string, workerId: string, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('employment')
    .select('company_id')
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .execute();
  return rows.map((r) => r.company_id);
}

/** Workers currently employed by a company (employer space). */
export async function findWorkersOfCompany(db: Q, tenantId: string, companyId: string, today: string, limit: number) {
  return db
    .selectFrom('employment as e')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'e.tenant_id').onRef('w.id', '=', 'e.worker_id'))
    .select(['w.id', 'w.birth_name', 'w.usage_name', 'w.first_names', 'e.job_title'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.company_id', '=', companyId)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', today)]))
    .orderBy(sql`lower(w.birth_name)`)
    .limit(limit)
    .execute();
}

export async function insertWorker(db: Q, row: Insertable<WorkerTable>) {
  return db.insertInto('worker').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertEmployment(db: Q, row: Insertable<EmploymentTable>) {
  return db.insertInto('employment').values(row).returning(['id']).executeTakeFirstOrThrow();
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The same normalisation as the `search_text` column: lower case, no accents, no hyphen. */
export function normaliseSearchWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/g, 'e')
    .replace(/œ/g, 'o')
    .replace(/[-']/g, ' ')
    .trim();
}
