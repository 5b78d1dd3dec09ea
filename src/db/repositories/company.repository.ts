/** SQL of companies. */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { CompanyTable, DB } from '../schema';

type Q = Kysely<DB>;

export async function findCompany(db: Q, tenantId: string, id: string) {
  return db.selectFrom('company').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findCompanyBySiret(db: Q, tenantId: string, siret: string) {
  return db.selectFrom('company').select(['id']).where('tenant_id', '=', tenantId).where('siret', '=', siret).executeTakeFirst();
}

export async function searchCompanies(db: Q, tenantId: string, text: string | undefined, limit: number, offset: number) {
  let q = db.selectFrom('company').where('tenant_id', '=', tenantId);
  if (text) {
    const digits = text.replace(/\s/g, '');
    if (/^\d{9,14}$/.test(digits)) q = q.where('siret', 'like', `${digits}%`);
    else q = q.where(sql`lower(name)`, 'like', `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy(sql`lower(name)`).orderBy('id').limit(limit).offset(offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertCompany(db: Q, row: Insertable<CompanyTable>) {
  return db.insertInto('company').values(row).returning(['id']).executeTakeFirstOrThrow();
}
