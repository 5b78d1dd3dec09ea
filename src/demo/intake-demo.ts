/**
 * Demo content of the intake channels, added after the base demo service is created:
 * declarations, fiches de liaison and saisines; arrêts turned into tasks by the rules; two AM
 * flux batches (with rejections and lines in quarantine); returns to the Assurance maladie.
 *
 * Order matters: the signals take workers of the employer who have no open dossier yet (the
 * flux would open some), the returns take dossiers born from the flux. The whole runs in about
 * 3 s on PGlite (2 × a few hundred flux lines: a demo, not a load test).
 */
import type { Database } from '../db/connection';
import { seedFluxDemo } from './intake-flux';
import { seedReturnsDemo } from './intake-returns';
import { seedRulesDemo } from './intake-rules';
import { seedSignalsDemo } from './intake-signals';

export async function seedIntakeDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  await seedSignalsDemo(database, tenantId, now);
  await seedRulesDemo(database, tenantId, now);
  await seedFluxDemo(database, tenantId, now);
  await seedReturnsDemo(database, tenantId, now);
}
