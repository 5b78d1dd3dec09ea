import type { Database } from '../../db/connection';

/** Demo content of parcours-measures (filled by the part's owner; deterministic for a given `now`). */
export async function seedParcoursMeasuresDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  void database;
  void tenantId;
  void now;
}
