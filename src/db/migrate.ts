/**
 * Forward-only SQL migrations, applied in name order at start-up, each in its own
 * transaction, the same files on PGlite and on a PostgreSQL server. A server-wide advisory
 * lock keeps two nodes starting together from applying the same file twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database } from './connection';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 72_317_001;

export function listMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Applies pending migrations; returns the names applied now. */
export async function migrate(database: Database): Promise<string[]> {
  return database.withSession(async (exec) => {
    await exec(`select pg_advisory_lock(${LOCK_KEY})`);
    try {
      await exec(`create table if not exists schema_migration (
        name text primary key, applied_at timestamptz not null default now())`);
      const done = new Set((await exec(`select name from schema_migration`)).map((r) => String(r.name)));
      const applied: string[] = [];
      for (const name of listMigrations()) {
        if (done.has(name)) continue;
        const text = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
        try {
          await exec(`begin;\n${text}\n;insert into schema_migration (name) values (${quote(name)});\ncommit;`);
        } catch (err) {
          await exec('rollback').catch(() => undefined);
          throw err;
        }
        applied.push(name);
      }
      return applied;
    } finally {
      await exec(`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}
