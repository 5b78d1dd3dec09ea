/** Intake commands (`maintien ingest arrets`, `maintien gen arrets`…). */
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as orgs from '../db/repositories/organisation.repository';
import type { Database } from '../db/connection';
import { MaintienError } from '../domain/errors';
import { fluxCliPrincipal, hashFile, ingestArrets, type IngestReport } from '../services/intake/flux-ingester';
import { defaultTenantSlug, tenantContext, withDatabase } from './context';
import { registerGenArrets } from './intake-gen';

export function registerIntakeCommands(cmd: Command): void {
  // `gen arrets` (synthetic flux, AM flux operations): src/cli/intake-gen.ts
  registerGenArrets(cmd);
  const ingest = cmd.command('ingest').description('importe des signalements');
  ingest
    .command('arrets')
    .description("importe un fichier du flux « arrêts de travail » de l'Assurance maladie (CSV ou JSON Lines)")
    .argument('<fichier>', 'fichier à importer (.csv, .jsonl, .ndjson)')
    .option('--tenant <slug>', 'service (tenant) ; par défaut le seul service de la base')
    .addOption(new Option('--format <format>', 'format du fichier (sinon déduit de son extension)').choices(['csv', 'jsonl']))
    .option('--report <rapport.json>', 'écrit le rapport JSON complet dans ce fichier')
    .action((file: string, o: { tenant?: string; format?: 'csv' | 'jsonl'; report?: string }) => withDatabase((database) => ingestArretsCommand(database, file, o)));
}

async function ingestArretsCommand(database: Database, file: string, o: { tenant?: string; format?: 'csv' | 'jsonl'; report?: string }) {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new MaintienError('invalid', 'FICHIER_ILLISIBLE', `Impossible de lire le fichier « ${file} ».`);
  }
  const system = await tenantContext(database, await defaultTenantSlug(database, o.tenant));
  const principal = fluxCliPrincipal(system.tenantId, system.organisationId);
  const sha256 = await hashFile(file);

  const tty = Boolean(process.stdout.isTTY);
  const bar = tty
    ? new cliProgress.SingleBar({ format: 'Import {bar} {percentage} % | {lines} lignes | {eta_formatted} restantes', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(size, 0, { lines: 0 });
  let lastPrint = 0;
  const report: IngestReport = await ingestArrets(
    database,
    principal,
    { stream: createReadStream(file, { highWaterMark: 1 << 20 }), fileName: basename(file), format: o.format, sha256 },
    {
      onProgress(lines, bytes) {
        if (bar) bar.update(bytes, { lines });
        else if (Date.now() - lastPrint > 1000 || bytes >= size) {
          lastPrint = Date.now();
          console.log(`… ${lines} lignes traitées (${size > 0 ? Math.floor((100 * bytes) / size) : 100} %)`);
        }
      },
    },
  ).finally(() => bar?.stop());

  if (o.report) {
    const { batchId, lines, accepted, duplicates, rejected, quarantined, outOfScope, rejections, quarantine, warnings, layout } = report;
    writeFileSync(o.report, JSON.stringify({ lines, accepted, duplicates, rejected, quarantined, outOfScope, rejections, quarantine, batchId, warnings, layout }, null, 2) + '\n');
  }
  console.log(summary(report, basename(file)));
}

const n = (x: number) => x.toLocaleString('fr-FR');

/** The French summary printed at the end of an import. */
export function summary(r: IngestReport, fileName: string): string {
  // Never a plain « terminé » on nothing: a file without data lines, or without an accepted one, says so first.
  const outcome = r.lines === 0 ? ' — aucune ligne de données' : r.accepted + r.duplicates + r.quarantined + r.outOfScope === 0 ? ' — aucune ligne acceptée' : '';
  const out = [
    `Import de « ${fileName} » terminé${outcome}${r.resumed ? ' (reprise d’un import interrompu)' : ''} — lot ${r.batchId}`,
    `  Lignes lues        : ${n(r.lines)}`,
    `  Acceptées          : ${n(r.accepted)}`,
    `  Doublons           : ${n(r.duplicates)}`,
    `  Rejetées           : ${n(r.rejected)}`,
    `  En quarantaine     : ${n(r.quarantined)}`,
    `  Hors périmètre     : ${n(r.outOfScope)}`,
  ];
  for (const w of r.warnings) out.push(`  Avertissement : ${w}`);
  if (r.rejections.length > 0) {
    const byCode = new Map<string, number>();
    for (const x of r.rejections) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1);
    out.push(`  Rejets par code : ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c} ${n(k)}`).join(', ')}`);
  }
  return out.join('\n');
}
