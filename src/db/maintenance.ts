/**
 * Routine maintenance of the embedded engine. PGlite runs PostgreSQL in single-user mode,
 * without the autovacuum daemon a server has: without VACUUM, the visibility map is never set
 * (index-only scans fetch the heap again) and statistics go stale. The server therefore runs
 * `VACUUM (ANALYZE)` itself at start-up and periodically; on a PostgreSQL server autovacuum
 * does this and nothing is scheduled.
 */
import type { Database } from './connection';

export async function vacuumAnalyze(database: Database): Promise<number> {
  const started = performance.now();
  await database.withSession((exec) => exec('vacuum (analyze)'));
  return performance.now() - started;
}

/** Schedules VACUUM on the embedded engine; returns a function that stops it. */
export function scheduleMaintenance(database: Database, everyHours: number, onError: (err: unknown) => void): () => void {
  if (database.engine !== 'pglite' || everyHours <= 0) return () => undefined;
  const timer = setInterval(() => {
    vacuumAnalyze(database).catch(onError);
  }, everyHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
