/** What every benchmark writes into docs/benchmarks.md: the machine, the engine, its own section. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/db/connection';

/** docs/benchmarks.md, or BENCH_DOC (a test writes its rows elsewhere). */
export const BENCH_DOC = process.env.BENCH_DOC || fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;

/** « AMD EPYC, 2 cores, 23.5 GiB RAM, linux 6.x » */
export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${gib(os.totalmem())} RAM, ${os.platform()} ${os.release()}`;
}

export async function engineDescription(database: Database): Promise<string> {
  const rows = await database.withSession((exec) => exec('select version() as v'));
  const pgVersion = String(rows[0]?.v ?? '').split(' ').slice(0, 2).join(' ');
  if (database.engine === 'pglite') {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url)), 'utf8')) as { version: string };
    return `PGlite ${pkg.version} (embedded ${pgVersion}, WASM, data on disk)`;
  }
  return `${pgVersion} server (via \`DATABASE_URL\`, pool of connections)`;
}

/** Replaces the text between `<!-- bench:NAME:start -->` and `…:end -->` (or appends the section). */
export function writeSection(name: string, section: string) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  if (!existsSync(BENCH_DOC)) {
    writeFileSync(
      BENCH_DOC,
      `# Benchmarks\n\nProduced by \`npm run bench\` (scripts in \`bench/\`). Each benchmark owns one section, between\n\`<!-- bench:<name>:start -->\` and \`<!-- bench:<name>:end -->\`, rewritten when it runs again.\n\n${section}\n`,
    );
    return;
  }
  const doc = readFileSync(BENCH_DOC, 'utf8');
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  const next = i >= 0 && j > i ? doc.slice(0, i) + section + doc.slice(j + end.length) : `${doc.replace(/\s*$/, '')}\n\n${section}\n`;
  writeFileSync(BENCH_DOC, next);
}

/** The current text of a section (markers included), or null. */
export function readSection(name: string): string | null {
  if (!existsSync(BENCH_DOC)) return null;
  const doc = readFileSync(BENCH_DOC, 'utf8');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  return i >= 0 && j > i ? doc.slice(i, j + end.length) : null;
}
