/**
 * Demo content of the intake channels (AM flux batches, declarations, fiches de liaison,
 * tasks, returns to the Assurance maladie), added after the base demo service is created.
 * Each channel contributes its own seeder.
 */
import type { Database } from '../../db/connection';

export async function seedIntakeDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  void database;
  void tenantId;
  void now;
}
