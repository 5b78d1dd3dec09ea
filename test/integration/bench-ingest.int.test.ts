/**
 * `maintien bench ingest --lines N` (issue 14 item 5), run as a user would on a small file: the
 * pipeline and its write floor in the same run, the engine's row written into the benchmarks
 * document, and as the last line one JSON object. The floor inserts exactly the rows the
 * pipeline wrote, so its row count equals what the pipeline left in its tables. Skipped against a
 * server (the bench drops and re-creates its own database there).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serverUrl } from '../support/database';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maintien-bench-'));
const doc = join(dir, 'benchmarks.md');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(Boolean(serverUrl))('maintien bench ingest', () => {
  it('prints the pipeline against its write floor as one JSON line, and writes the engine row', async () => {
    writeFileSync(doc, '# Benchmarks\n');
    const lines = 600;
    const { stdout } = await run(process.execPath, ['bin/maintien.mjs', 'bench', 'ingest', '--lines', String(lines)], {
      env: { ...process.env, DATABASE_URL: '', BENCH_DOC: doc, BENCH_DATA_DIR: dir },
      cwd: process.cwd(),
      maxBuffer: 16 << 20,
    });
    const last = stdout.trimEnd().split('\n').at(-1)!;
    const r = JSON.parse(last) as Record<string, number | string>;
    expect(r.engine).toBe('pglite');
    expect(r.lines).toBe(lines);
    // Every line has exactly one outcome.
    expect(Number(r.accepted) + Number(r.duplicates) + Number(r.rejected) + Number(r.quarantined) + Number(r.out_of_scope)).toBe(lines);
    expect(Number(r.accepted)).toBeGreaterThan(lines / 2);
    // The floor wrote at least the worker, arrêt, signal and message of the accepted lines.
    expect(Number(r.rows_written)).toBeGreaterThan(2 * Number(r.accepted));
    for (const k of ['pipeline_lines_per_s', 'floor_lines_per_s', 'ratio', 'peak_rss_mib']) expect(Number(r[k])).toBeGreaterThan(0);
    expect(Number(r.ratio)).toBeCloseTo(Number(r.pipeline_lines_per_s) / Number(r.floor_lines_per_s), 1);
    expect(r.fk_checks).toBe('skipped');
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain('<!-- ingest-row:pglite -->\n| Embedded (PGlite) |');
    expect(text).toContain(`| ${lines} |`);
    expect(text).toMatch(/\| worker \| \d+ \|/);
    // Where the time went: the pipeline's steps beside the floor's tables.
    expect(text).toContain('<!-- ingest-profile:pglite -->');
    expect(text).toMatch(/\| loadStaging \| [\d.]+ \| \d+ % \|/);
    expect(text).toMatch(/\| signal \| [\d.]+ \|/);
  });

  it('refuses a line count that is not a positive integer, in French', async () => {
    await expect(
      run(process.execPath, ['bin/maintien.mjs', 'bench', 'ingest', '--lines', 'zéro'], { env: { ...process.env, DATABASE_URL: '', BENCH_DOC: doc, BENCH_DATA_DIR: dir }, cwd: process.cwd() }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/entier/) });
  });
});
