import { Readable } from 'node:stream';
import { fluxBatches, quarantine } from '../../../contract/intake/flux-admin';
import { listFluxBatches } from '../../../services/intake/flux-batch-lister';
import { readFluxBatch } from '../../../services/intake/flux-batch-reader';
import { rejectionsCsvHeader } from '../../../services/intake/flux-batch-format';
import { openRejectionExport, readRejectionPage } from '../../../services/intake/flux-batch-rejections-exporter';
import { countQuarantine } from '../../../services/intake/quarantine-counter';
import { listQuarantine } from '../../../services/intake/quarantine-lister';
import { readQuarantine } from '../../../services/intake/quarantine-reader';
import { resolveQuarantine } from '../../../services/intake/quarantine-resolver';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

/** Routes of the flux administration (history, reports, quarantine). */
export function fluxAdminRoutes(app: App, { database }: Deps): void {
  route(app, fluxBatches.list, async (request) => run(database, request, (ctx) => listFluxBatches(ctx, { page: request.query.page })));

  route(app, fluxBatches.read, async (request) =>
    run(database, request, (ctx) => readFluxBatch(ctx, { id: request.params.id, page: request.query.page, code: request.query.code })),
  );

  route(app, fluxBatches.rejectionsCsv, async (request, reply) => {
    const opened = await run(database, request, (ctx) => openRejectionExport(ctx, { batchId: request.params.id }));
    async function* body() {
      // BOM: spreadsheet software then reads the accents as UTF-8.
      yield `\uFEFF${rejectionsCsvHeader()}\r\n`;
      let after = 0;
      for (;;) {
        const page = await run(database, request, (ctx) => readRejectionPage(ctx, { batchId: opened.batchId, afterLine: after }));
        if (page.text) yield page.text;
        if (page.done) return;
        after = page.last;
      }
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${opened.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body()));
  });

  route(app, quarantine.list, async (request) => run(database, request, (ctx) => listQuarantine(ctx, { status: request.query.status, page: request.query.page })));

  route(app, quarantine.count, async (request) => run(database, request, (ctx) => countQuarantine(ctx)));

  route(app, quarantine.read, async (request) => run(database, request, (ctx) => readQuarantine(ctx, request.params.id)));

  route(app, quarantine.resolve, async (request) => run(database, request, (ctx) => resolveQuarantine(ctx, request.params.id, request.body)));
}
