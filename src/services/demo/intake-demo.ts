/**
 * Demo content of the intake channels (AM flux batches, declarations, fiches de liaison,
 * tasks, returns to the Assurance maladie), added after the base demo service is created.
 *
 * The channel seeders exist (src/services/demo/intake-*.ts, each tested on its own) but are not
 * run yet: the integration tests that start from the demo service were written against the
 * base demo, and the AM flux pipeline is still too slow for a demo start (issue 4, see notes).
 */
import type { Database } from '../../db/connection';

export async function seedIntakeDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  void database;
  void tenantId;
  void now;
}
