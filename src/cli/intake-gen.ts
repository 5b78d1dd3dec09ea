/** `maintien gen arrets`: writes a synthetic AM « arrêts de travail » flux (src/demo/arrets-generator.ts). */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import * as fluxAdmin from '../db/repositories/flux-admin.repository';
import { MaintienError } from '../domain/errors';
import { generateArretStream, type GeneratorPool } from '../demo/arrets-generator';
import { withCtx } from '../services/context';
import { positiveInt, tenantContext, withDatabase } from './context';

/** Workers of the tenant the generated lines may be about (`--tenant`). */
const POOL_WORKERS = 2000;

const seedArg = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError('un entier entre 0 et 4294967295 est attendu.');
  return n;
};
const dateArg = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new InvalidArgumentError('une date AAAA-MM-JJ est attendue.');
  return v;
};

async function loadPool(slug: string): Promise<GeneratorPool> {
  return withDatabase(async (database) => {
    const principal = await tenantContext(database, slug);
    return withCtx(database, { ...principal, label: 'Système (générateur de flux de test)' }, async (ctx) => {
      const pool = await fluxAdmin.findGeneratorPool(ctx.trx, principal.tenantId, POOL_WORKERS);
      // Real identities leave the database into a test file: traced.
      await ctx.record({ action: 'flux.generator.pool', subjectType: 'tenant', subjectId: principal.tenantId, category: 'sensitive', details: { workers: pool.workers.length, companies: pool.sirets.length } });
      return pool;
    });
  });
}

export function registerGenArrets(cmd: Command): void {
  const gen = cmd.commands.find((c) => c.name() === 'gen') ?? cmd.command('gen').description('génère des données de test');
  gen
    .command('arrets')
    .description("écrit un flux « arrêts de travail » synthétique (CSV ou JSON Lines), réaliste, avec ~3 % de lignes invalides")
    .requiredOption('--lines <n>', 'nombre de lignes de données', positiveInt)
    .option('--output <fichier>', 'fichier à écrire (par défaut : la sortie standard)')
    .option('--format <format>', 'csv ou jsonl', 'csv')
    .option('--tenant <slug>', 'réutilise les SIRET et des salariés réels de ce service (rattachements, quarantaines)')
    .option('--seed <n>', 'graine : même graine, même date → même fichier', seedArg, 1)
    .option('--date <AAAA-MM-JJ>', 'date du fichier (par défaut : aujourd’hui)', dateArg)
    .option('--emetteur <code>', 'émetteur du fichier (par défaut : choisi selon la graine)')
    .action(async (o: { lines: number; output?: string; format: string; tenant?: string; seed: number; date?: string; emetteur?: string }) => {
      if (o.format !== 'csv' && o.format !== 'jsonl') throw new MaintienError('invalid', 'FORMAT_INCONNU', `Format inconnu : « ${o.format} » (csv ou jsonl).`);
      if (o.emetteur !== undefined && !/^[A-Z0-9-]{1,32}$/.test(o.emetteur)) {
        throw new MaintienError('invalid', 'EMETTEUR_INVALIDE', "Le code émetteur doit comporter au plus 32 caractères parmi A-Z, 0-9 et « - ».");
      }
      const pool = o.tenant ? await loadPool(o.tenant) : undefined;
      const started = performance.now();
      const stream = generateArretStream({ lines: o.lines, seed: o.seed, fileDate: o.date, emetteur: o.emetteur, format: o.format, pool });
      if (o.output) {
        await pipeline(stream, createWriteStream(o.output));
        const s = (performance.now() - started) / 1000;
        console.error(`${o.lines.toLocaleString('fr-FR')} lignes écrites dans ${o.output} en ${s.toFixed(1)} s.`);
      } else {
        await pipeline(stream, process.stdout);
      }
    });
}
