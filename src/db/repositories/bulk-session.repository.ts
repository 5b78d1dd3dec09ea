/**
 * Session settings of the bulk writers (the AM flux pipeline, `risk score-all`): statements the
 * application role may not run, and the embedded engine's skipping of per-row foreign-key checks.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

/**
 * Runs `fn` as the tables' owner (the session's own role), then back to maintien_app: for the
 * statements the application role may not run (COPY FROM, ANALYZE before PostgreSQL 17,
 * session_replication_role). Only ever around one fixed statement.
 */
export async function asOwner<T>(db: Q, fn: () => Promise<T>): Promise<T> {
  await sql`set local role none`.execute(db);
  const r = await fn();
  await sql`select set_config('role', 'maintien_app', true)`.execute(db);
  return r;
}

/**
 * Embedded engine only: the transaction skips the per-row foreign-key checks
 * (`session_replication_role = replica`, as pg_restore --disable-triggers does). On PGlite they
 * cost about half of every row a bulk writer writes (one SPI query per key per row), and they
 * cannot fail there when every key written is taken from a row read or written earlier in the
 * same transaction: PGlite has one connection, so no other transaction can delete the
 * referenced row meanwhile. Refused (returns false, checks stay on) when a user trigger other
 * than `inert` exists on one of `tables`: replica mode would silently skip it. Never to be used
 * on a server (concurrent sessions).
 */
export async function skipForeignKeyChecks(db: Q, tables: readonly string[], inert: readonly string[] = []): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and c.relnamespace = 'public'::regnamespace
      and c.relname = any(${tables as string[]}::text[]) and t.tgname <> all(${inert as string[]}::text[])`.execute(db);
  if (r.rows[0].n > 0) return false;
  await asOwner(db, () => sql`set local session_replication_role = replica`.execute(db));
  return true;
}

/**
 * Ends `skipForeignKeyChecks` for the rest of the transaction: what follows a bulk step that
 * skipped the checks (a request's own writes after a pipeline chunk) runs with them back on.
 */
export async function restoreForeignKeyChecks(db: Q) {
  await asOwner(db, () => sql`set local session_replication_role = origin`.execute(db));
}
