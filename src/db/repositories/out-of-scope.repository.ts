/**
 * SQL of the « Hors périmètre » lines taken on by hand (services/intake/out-of-scope-taker.ts):
 * the lines locked with their batch's file date and their declared company, the flux message the
 * pipeline recorded for them (removed before the line runs through the pipeline again), what the
 * pipeline made of the line, and the resolution. The pipeline itself is flux.repository.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { asOwner } from './bulk-session.repository';

type Q = Kysely<DB>;

export interface LockedOutOfScopeLine {
  id: string;
  batch_id: string;
  line: number;
  emetteur: string;
  id_message: string;
  siret: string | null;
  status: string;
  payload: unknown;
  created_at: Date;
  file_date: string;
  company_id: string | null;
  company_member: boolean | null;
}

/**
 * The lines among `ids`, locked (two people taking the same line on: the second waits, then sees
 * it taken), in the order the flux received them: batch by batch, line by line.
 */
export async function lockLines(db: Q, tenantId: string, ids: readonly string[]): Promise<LockedOutOfScopeLine[]> {
  const r = await sql<LockedOutOfScopeLine>`
    select o.id, o.batch_id, o.line, o.emetteur, o.id_message, o.siret, o.status, o.payload, o.created_at, b.file_date::text as file_date,
           c.id as company_id, c.member as company_member
      from flux_out_of_scope o
      join import_batch b on b.tenant_id = o.tenant_id and b.id = o.batch_id
      left join company c on c.tenant_id = o.tenant_id and c.siret = o.siret
     where o.tenant_id = ${tenantId} and o.id = any(${ids as string[]}::uuid[])
     order by o.created_at, b.started_at, o.batch_id, o.line
       for update of o`.execute(db);
  return r.rows;
}

export async function findCompany(db: Q, tenantId: string, id: string) {
  return db.selectFrom('company').select(['id', 'siret', 'name', 'member']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The content hash the pipeline recorded for the message (what a re-sent line is compared with). */
export async function findMessageHash(db: Q, tenantId: string, emetteur: string, idMessage: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('flux_message')
    .select('content_hash')
    .where('tenant_id', '=', tenantId)
    .where('emetteur', '=', emetteur)
    .where('id_message', '=', idMessage)
    .where('outcome', '=', 'hors_perimetre')
    .executeTakeFirst();
  return r?.content_hash;
}

/** Removes the message's « hors périmètre » record: the pipeline records it anew with its outcome. */
export async function deleteOutOfScopeMessage(db: Q, tenantId: string, emetteur: string, idMessage: string) {
  await db
    .deleteFrom('flux_message')
    .where('tenant_id', '=', tenantId)
    .where('emetteur', '=', emetteur)
    .where('id_message', '=', idMessage)
    .where('outcome', '=', 'hors_perimetre')
    .execute();
}

/** What the pipeline made of the message: its outcome, worker and arrêt, and the signal's triage item or dossier. */
export async function findMessageOutcome(db: Q, tenantId: string, emetteur: string, idMessage: string) {
  const r = await sql<{ outcome: string; worker_id: string | null; arret_id: string | null; triage_item_id: string | null; dossier_id: string | null }>`
    select m.outcome, m.worker_id, m.arret_id, s.triage_item_id, s.dossier_id
      from flux_message m
      left join signal s on s.tenant_id = m.tenant_id and s.origin_table = 'flux_message' and s.origin_id = md5(m.emetteur || chr(31) || m.id_message)::uuid
     where m.tenant_id = ${tenantId} and m.emetteur = ${emetteur} and m.id_message = ${idMessage}`.execute(db);
  return r.rows[0];
}

/** The rejection the pipeline recorded for the line (rolled back by the caller: the line stays out of scope). */
export async function findRejection(db: Q, tenantId: string, batchId: string, line: number) {
  return db
    .selectFrom('import_rejection')
    .select(['code', 'message'])
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .where('line', '=', line)
    .executeTakeFirst();
}

export async function markTakenOn(db: Q, tenantId: string, id: string, props: { userId: string | null; at: Date }) {
  const r = await db
    .updateTable('flux_out_of_scope')
    .set({ status: 'pris_en_charge', resolved_by: props.userId, resolved_at: props.at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'hors_perimetre')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Savepoints around one line's run: a line the pipeline rejects leaves no trace. */
export const savepoint = (db: Q) => sql`savepoint out_of_scope_line`.execute(db);
export const releaseSavepoint = (db: Q) => sql`release savepoint out_of_scope_line`.execute(db);
export const rollbackToSavepoint = (db: Q) => sql`rollback to savepoint out_of_scope_line`.execute(db);


/** One line with the line as received (identity included) and who took it on. */
/** What `findLine` adds to a locked line: who took it on, the file, the company's name. */
export interface OutOfScopeLineDetail extends Omit<LockedOutOfScopeLine, 'file_date'> {
  resolved_at: Date | null;
  resolved_by_name: string | null;
  file_name: string | null;
  company_name: string | null;
}

export async function findLine(db: Q, tenantId: string, id: string) {
  const r = await sql<OutOfScopeLineDetail>`
    select o.id, o.batch_id, o.line, o.emetteur, o.id_message, o.siret, o.status, o.payload, o.created_at, o.resolved_at,
           u.display_name as resolved_by_name, b.file_name, c.id as company_id, c.name as company_name, c.member as company_member
      from flux_out_of_scope o
      join import_batch b on b.tenant_id = o.tenant_id and b.id = o.batch_id
      left join app_user u on u.id = o.resolved_by
      left join company c on c.tenant_id = o.tenant_id and c.siret = o.siret
     where o.tenant_id = ${tenantId} and o.id = ${id}`.execute(db);
  return r.rows[0];
}

/** The issuer's episode is known to the service (an arrêt recorded): the pipeline keeps its lines in scope. */
export async function episodeKnown(db: Q, tenantId: string, emetteur: string, idArret: string): Promise<boolean> {
  const r = await db.selectFrom('arret').select('id').where('tenant_id', '=', tenantId).where('emetteur', '=', emetteur).where('external_id', '=', idArret).executeTakeFirst();
  return r !== undefined;
}
