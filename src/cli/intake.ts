/** Intake commands (`maintien flux import` — alias `maintien ingest arrets` —, `maintien gen arrets`…). */
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import * as orgs from '../db/repositories/organisation.repository';
import type { Database } from '../db/connection';
import { MaintienError } from '../domain/errors';
import { detectFormat } from '../ingest/arrets/parse';
import { batchLists, checkFluxFile, CLI_CHUNK_MS, fluxImportTuning, fluxParams, onFluxImportProgress, scanFluxFile } from '../services/intake/flux-batch-job';
import { runFluxImportHere } from '../services/intake/flux-batch-run';
import { fluxCliPrincipal, type IngestReport } from '../services/intake/flux-ingester';
import { FLUX_REPORT_LIMIT } from '../contract/intake/flux';
import type { JobRunner } from '../services/jobs/job-runner';
import { releaseOrphanJobs } from '../services/jobs/job-runner';
import { defaultTenantSlug, tenantContext, withDatabase } from './context';
import { registerGenArrets } from './intake-gen';

export function registerIntakeCommands(cmd: Command): void {
  // `gen arrets` (synthetic flux, AM flux operations): src/cli/intake-gen.ts
  registerGenArrets(cmd);
  const describe = (c: Command) =>
    c
      .description(
        "importe un fichier du flux « arrêts de travail » de l'Assurance maladie (CSV ou JSON Lines) — un traitement, comme un dépôt dans « Imports du flux » : un seul import à la fois par service, repris après une interruption",
      )
      .argument('<fichier>', 'fichier à importer (.csv, .jsonl, .ndjson)')
      .option('--tenant <slug>', 'service (tenant) ; par défaut le seul service de la base')
      .addOption(new Option('--format <format>', 'format du fichier (sinon déduit de son extension)').choices(['csv', 'jsonl']))
      .option('--report <rapport.json>', 'écrit le rapport JSON complet dans ce fichier')
      .action((file: string, o: ImportOptions) => withDatabase((database) => ingestArretsCommand(database, file, o)));
  describe(cmd.command('flux').description('flux « arrêts de travail » de l’Assurance maladie').command('import'));
  // The former name, kept for scripts.
  describe(cmd.command('ingest').description('importe des signalements').command('arrets'));
}

interface ImportOptions {
  tenant?: string;
  format?: 'csv' | 'jsonl';
  report?: string;
}

async function ingestArretsCommand(database: Database, file: string, o: ImportOptions) {
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
  const format = detectFormat(basename(file), o.format);
  // Checked before any job or batch exists: UTF-8, header.
  const scanned = await scanFluxFile(resolve(file));
  await checkFluxFile(resolve(file), format);
  const params = fluxParams(scanned, { stored: false, fileName: basename(file), format, reportLimit: FLUX_REPORT_LIMIT });
  // The embedded engine is this process's alone: a job left « en cours » was a process that died;
  // no API request waits for the connection, so the chunks may be long (faster).
  if (database.pglite) {
    await releaseOrphanJobs(database);
    fluxImportTuning.chunkMs = CLI_CHUNK_MS;
  }

  const tty = Boolean(process.stdout.isTTY);
  const bar = tty
    ? new cliProgress.SingleBar({ format: 'Import {bar} {percentage} % | {lines} lignes | {eta_formatted} restantes', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(size, 0, { lines: 0 });
  let lastPrint = 0;
  // Printed after each chunk has committed (the crash test kills the process on this line).
  const unsubscribe = onFluxImportProgress(({ linesDone, bytesRead }) => {
    if (bar) bar.update(bytesRead, { lines: linesDone });
    else if (Date.now() - lastPrint > 1000 || bytesRead >= size) {
      lastPrint = Date.now();
      console.log(`… ${linesDone} lignes traitées (${size > 0 ? Math.floor((100 * bytesRead) / size) : 100} %)`);
    }
  });
  // Ctrl-C gives the job back « En attente » (a server, or this command run again, resumes it).
  let runner: JobRunner | undefined;
  const interrupt = () => void runner?.stop();
  process.once('SIGINT', interrupt);
  const job = await runFluxImportHere(database, principal, params, { onRunner: (r) => (runner = r) }).finally(() => {
    process.off('SIGINT', interrupt);
    unsubscribe();
    bar?.stop();
  });
  if (job.error) throw new MaintienError('conflict', job.error.code, job.error.message);
  if (job.state !== 'termine' || !job.result) {
    throw new MaintienError('conflict', 'TRAITEMENT_INTERROMPU', 'Import interrompu : relancez cette commande (ou démarrez le serveur), il reprendra où il s’est arrêté.');
  }
  const report = job.result as unknown as IngestReport;

  if (o.report) {
    const { truncated: _t, resumed: _r, rejections: _rj, quarantine: _q, fileName: _f, bytes: _b, ...counts } = report as unknown as Record<string, unknown>;
    const lists = await batchLists(database, system.tenantId, report.batchId);
    writeFileSync(o.report, JSON.stringify({ ...counts, rejections: lists.rejections, quarantine: lists.quarantine }, null, 2) + '\n');
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
