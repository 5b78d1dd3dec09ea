/**
 * Returns to the Assurance maladie (docs/am-returns.md, format docs/formats/retours-am.md):
 * the cell records accompaniments on a dossier and follows their delivery; the AM fetches
 * them as a file or through its machine outbox (API token scope `retours`) and acknowledges.
 */
import { amReturns } from '../../../contract/intake/returns';
import { acknowledgeAmReturns } from '../../../services/intake/am-return-acknowledger';
import { withdrawJobInfoConsent } from '../../../services/intake/am-return-consent-withdrawer';
import { readDossierAmReturns } from '../../../services/intake/am-return-dossier-reader';
import { confirmAmReturnExport } from '../../../services/intake/am-return-export-confirmer';
import { exportAmReturns } from '../../../services/intake/am-return-exporter';
import { listAmReturns } from '../../../services/intake/am-return-lister';
import { readAmReturnOutbox } from '../../../services/intake/am-return-outbox-reader';
import { recordAmReturn } from '../../../services/intake/am-return-recorder';
import { requeueAmReturn } from '../../../services/intake/am-return-requeuer';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { commaList, route } from '../../route';

export function returnsRoutes(app: App, { database }: Deps): void {
  route(app, amReturns.ofDossier, async (request) => run(database, request, (ctx) => readDossierAmReturns(ctx, request.params.id)));

  route(app, amReturns.record, async (request, reply) => {
    const r = await run(database, request, (ctx) => recordAmReturn(ctx, request.params.id, request.body));
    return r.created ? reply.status(201).send({ created: true as const, message: r.message }) : reply.status(200).send({ created: false as const, message: r.message });
  });

  route(app, amReturns.withdrawJobConsent, async (request) => run(database, request, (ctx) => withdrawJobInfoConsent(ctx, request.params.id)));

  route(app, amReturns.list, async (request) => {
    const q = request.query;
    const statuses = commaList(q.status);
    return run(database, request, (ctx) => listAmReturns(ctx, { statuses, recipient: q.recipient, page: q.page, pageSize: q.pageSize }));
  });

  route(app, amReturns.export, async (request, reply) => {
    const file = await run(database, request, (ctx) => exportAmReturns(ctx, { recipient: request.query.recipient, format: request.query.format }));
    return reply
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-maintien-message-count', String(file.messageIds.length))
      .type(file.contentType)
      .send(file.body);
  });

  route(app, amReturns.confirmExport, async (request) => run(database, request, (ctx) => confirmAmReturnExport(ctx, request.body)));

  route(app, amReturns.requeue, async (request) => run(database, request, (ctx) => requeueAmReturn(ctx, request.params.id)));

  // --- Machine API of the Assurance maladie (API token, scope `retours`) ----------------------
  route(app, amReturns.outbox, async (request) =>
    run(database, request, (ctx) => readAmReturnOutbox(ctx, { after: request.query.after, limit: request.query.limit, recipient: request.query.recipient })),
  );

  route(app, amReturns.acknowledge, async (request) => run(database, request, (ctx) => acknowledgeAmReturns(ctx, request.body)));
}
