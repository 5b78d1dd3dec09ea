/** Receiving a flux file (issue 14 item 3): its lines counted for the job's total, whatever its line ends; its size bounded. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { fluxParams, formatBytes, receiveFluxFile } from './flux-batch-job';

const dir = mkdtempSync(join(tmpdir(), 'maintien-flux-receive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const receive = (chunks: readonly string[], max?: number) => receiveFluxFile(Readable.from(chunks.map((c) => Buffer.from(c))), join(dir, 'f'), max);

describe('receiveFluxFile', () => {
  it('counts physical lines: LF, CRLF, CR alone (also across chunks), a last line without its end', async () => {
    const cases: Array<[string[], number]> = [
      [['a\nb\n'], 2],
      [['a\r\nb\r\n'], 2],
      [['a\rb\r'], 2],
      [['a\r', '\nb'], 2],
      [['a\r', 'b'], 2],
      [['a'], 1],
      [[''], 0],
      [['a\n\nb'], 3],
    ];
    for (const [chunks, n] of cases) expect([chunks, (await receive(chunks)).physicalLines]).toEqual([chunks, n]);
    const csv = await receive(['h1;h2\n', 'x;y\nz;w\n']);
    expect(fluxParams(csv, { stored: true, fileName: 'a.csv', format: 'csv' }).estimatedLines).toBe(2);
    expect(csv.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file over the maximum (FICHIER_TROP_VOLUMINEUX, French) and one that is not UTF-8', async () => {
    await expect(receive(['0123456789', '0123456789'], 15)).rejects.toMatchObject({ code: 'FICHIER_TROP_VOLUMINEUX', message: expect.stringContaining('taille maximale') });
    await expect(receiveFluxFile(Readable.from([Buffer.from('LEF\xC8VRE\n', 'latin1')]), join(dir, 'g'))).rejects.toMatchObject({ code: 'ENCODAGE_INVALIDE' });
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 Go');
    expect(formatBytes(1536)).toBe('1,5 ko');
  });
});
