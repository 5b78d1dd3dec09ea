/**
 * Forward-only SQL migrations, applied in name order at start-up, each in its own
 * transaction, the same files on PGlite and on a PostgreSQL server. A server-wide advisory
 * lock keeps two nodes starting together from applying the same file twice.
 *
 * After the migrations, `checkAppRole` verifies what a restore into a fresh server can lose
 * silently: the cluster-wide role `maintien_app`, the connecting role's right to act as it, and
 * its grants on every table under row-level security (docs/backup-restore.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { MaintienError } from '../domain/errors';
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
      await checkAppRole(exec);
      return applied;
    } finally {
      await exec(`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}

const appRoleError = (message: string) => new MaintienError('conflict', 'ROLE_APPLICATIF_ABSENT', message);

const RESTORE_HINT = 'Voir docs/backup-restore.md : créer le rôle avant de restaurer une sauvegarde.';

/**
 * Refuses to go on when tenant work would fail at the first request: maintien_app missing (a
 * dump restored on a server where the role was never created), not granted to the connecting
 * role, or without its rights on a table protected by row-level security.
 */
export async function checkAppRole(exec: (script: string) => Promise<Record<string, unknown>[]>): Promise<void> {
  const [role] = await exec(`select exists (select 1 from pg_roles where rolname = 'maintien_app') as present,
    (select rolsuper from pg_roles where rolname = current_user) as superuser, current_user as me`);
  if (!role?.present) {
    throw appRoleError(`Le rôle PostgreSQL maintien_app n'existe pas sur ce serveur. ${RESTORE_HINT}`);
  }
  const [member] = await exec(`select pg_has_role(current_user, 'maintien_app', 'MEMBER') as ok`);
  if (!role.superuser && !member?.ok) {
    throw appRoleError(
      `Le rôle de connexion ${String(role.me)} ne peut pas agir en tant que maintien_app (grant maintien_app to ${String(role.me)};). ${RESTORE_HINT}`,
    );
  }
  const missing = await exec(`select c.relname as name from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relrowsecurity
      and not has_table_privilege('maintien_app', c.oid, 'select')
    order by c.relname`);
  if (missing.length > 0) {
    const names = missing.map((r) => String(r.name));
    throw appRoleError(
      `Le rôle maintien_app n'a pas ses droits sur ${names.length} table(s) (${names.slice(0, 5).join(', ')}${names.length > 5 ? '…' : ''}) : la sauvegarde a sans doute été restaurée avant la création du rôle. ${RESTORE_HINT}`,
    );
  }
}
