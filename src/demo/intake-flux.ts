/**
 * Demo content of the AM flux operations: two synthetic files (src/demo/arrets-generator.ts)
 * ingested through the real pipeline as the CPAM's API token would, so that « Imports du flux »
 * shows batches with rejections and « Identités à rapprocher » has lines to reconcile. Some
 * lines are about real demo workers (same NIR and identity), a few about them with another
 * birth date (→ quarantine). Deterministic for a given `now`.
 */
import type { Database } from '../db/connection';
import * as demoRepo from '../db/repositories/demo.repository';
import * as fluxAdmin from '../db/repositories/flux-admin.repository';
import { generateArretStream } from './arrets-generator';
import { systemPrincipal, withCtx } from '../services/context';
import { fluxCliPrincipal, ingestArrets } from '../services/intake/flux-ingester';

const DAY = 86_400_000;

const FILES = [
  { emetteur: 'CPAM-593', daysAgo: 8, lines: 320, seed: 593 },
  { emetteur: 'ELSM-59', daysAgo: 1, lines: 160, seed: 59 },
] as const;

export async function seedFluxDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const spsti = await demoRepo.findSpsti(database.db, tenantId);
  const pool = await withCtx(database, systemPrincipal(tenantId, spsti.id, 'Système (données de démonstration)'), (ctx) => fluxAdmin.findGeneratorPool(ctx.trx, tenantId, 400), now);
  for (const f of FILES) {
    const fileDate = new Date(now.getTime() - f.daysAgo * DAY).toISOString().slice(0, 10);
    const stream = generateArretStream({ lines: f.lines, seed: f.seed, fileDate, emetteur: f.emetteur, pool, divergentRate: 0.03 });
    const principal = fluxCliPrincipal(tenantId, spsti.id, `Jeton « Flux ${f.emetteur} »`);
    await ingestArrets(database, principal, { stream, fileName: `arrets-${f.emetteur.toLowerCase()}-${fileDate.replaceAll('-', '')}.csv`, format: 'csv', fileDate });
  }
}
