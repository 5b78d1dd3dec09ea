/**
 * The generator, the real pipeline (ingestArrets) and the operations screens together: a
 * synthetic file about the demo service's real workers ends in exactly the outcomes the
 * generator intended, visible in the history, the rejection report and the quarantine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fluxAdmin from '../../src/db/repositories/flux-admin.repository';
import { generateArretLines, generateArretStream, type GenerateOptions } from '../../src/demo/arrets-generator';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { fluxCliPrincipal, ingestArrets, type IngestReport } from '../../src/services/intake/flux-ingester';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';
import { tenantIdOf } from './flux-admin-fixtures';

let t: TestApp;
let tenantId: string;
let opts: GenerateOptions;
let report: IngestReport;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await tenantIdOf(t.database);
  const spsti = await t.database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
  const pool = await withCtx(t.database, systemPrincipal(tenantId, spsti.id), (ctx) => fluxAdmin.findGeneratorPool(ctx.trx, tenantId, 500));
  opts = { lines: 3000, seed: 77, fileDate: new Date().toISOString().slice(0, 10), emetteur: 'CPAM-621', pool, divergentRate: 0.01 };
  report = await ingestArrets(t.database, fluxCliPrincipal(tenantId, spsti.id, 'Jeton « Flux CPAM-621 »'), { stream: generateArretStream(opts), fileName: 'synthetique.csv', format: 'csv', fileDate: opts.fileDate }, { chunkSize: 700 });
}, 180_000);
afterAll(() => t?.close());

describe('generated flux through the pipeline', () => {
  it('ends every line in the outcome the generator intended', () => {
    // Issue 14 (scope): a line the generator means to be accepted or quarantined, but whose person
    // has no employer SIRET (5 % of persons), is « hors périmètre »; the others as intended.
    const intents = [...generateArretLines(opts)].map((l) =>
      (l.intent.outcome === 'accepted' || l.intent.outcome === 'quarantined') && !l.record.siret_employeur ? ({ outcome: 'out_of_scope' } as const) : l.intent,
    );
    const n = (o: string) => intents.filter((i) => i.outcome === o).length;
    expect(report.lines).toBe(3000);
    expect(report.accepted + report.duplicates + report.rejected + report.quarantined + report.outOfScope).toBe(report.lines);
    expect({ accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected, quarantined: report.quarantined, outOfScope: report.outOfScope }).toEqual({
      accepted: n('accepted'),
      duplicates: n('duplicate'),
      rejected: n('rejected'),
      quarantined: n('quarantined'),
      outOfScope: n('out_of_scope'),
    });
    expect(report.outOfScope).toBeGreaterThan(0);
    const expectedCodes = intents.flatMap((i, k) => (i.outcome === 'rejected' ? [`${k + 1}:${i.code}`] : []));
    expect(report.rejections.map((r) => `${r.line}:${r.code}`)).toEqual(expectedCodes);
    expect(report.quarantined).toBeGreaterThan(0);
  });

  it('shows the batch in the history, its report as CSV and its lines in the quarantine', async () => {
    const charge = as(t.app, await login(t.app, demoEmail('charge-mission')));
    const list = (await charge.get('/api/v1/flux/batches')).json();
    const b = list.items.find((x: { id: string }) => x.id === report.batchId);
    expect(b).toMatchObject({ fileName: 'synthetique.csv', issuer: 'CPAM-621', status: 'termine', actorLabel: 'Jeton « Flux CPAM-621 »' });
    expect(b.counts).toMatchObject({ lines: 3000, accepted: report.accepted, rejected: report.rejected, quarantined: report.quarantined, duplicates: report.duplicates });
    const csv = await charge.get(`/api/v1/flux/batches/${report.batchId}/rejections.csv`);
    const rows = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(1 + report.rejected);
    for (const nir of opts.pool!.workers.map((w) => w.nir)) expect(csv.body).not.toContain(nir);

    const ours: { id: string }[] = [];
    for (let page = 1; ; page++) {
      const q = (await charge.get(`/api/v1/flux/quarantine?status=a_traiter&page=${page}`)).json();
      ours.push(...q.items.filter((i: { batchId: string }) => i.batchId === report.batchId));
      if (page * q.pageSize >= q.total) break;
    }
    expect(ours.length).toBe(report.quarantined);
    const detail = (await charge.get(`/api/v1/flux/quarantine/${ours[0].id}`)).json();
    expect(detail.comparison.find((r: { field: string }) => r.field === 'birthDate').differs).toBe(true);
    const done = await charge.post(`/api/v1/flux/quarantine/${ours[0].id}/resolve`, { action: 'rattacher' });
    expect(done.statusCode).toBe(200);
    expect(done.json().arretId).toBeTruthy();
  });
});
