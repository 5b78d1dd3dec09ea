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
import { route } from '../../route';

/** The API's names for a message's `destinataire` and `idArret` (docs/api.md « Vocabulary »). */
const renamed = <T extends { destinataire: string; idArret: string }>({ destinataire, idArret, ...rest }: T) => ({ ...rest, recipient: destinataire, amArretId: idArret });

export function returnsRoutes(app: App, { database }: Deps): void {
  route(app, amReturns.ofDossier, async (request) => {
    const r = await run(database, request, (ctx) => readDossierAmReturns(ctx, request.params.id));
    return { ...r, arrets: r.arrets.map(renamed), messages: r.messages.map(renamed) };
  });

  route(app, amReturns.record, async (request, reply) => {
    const r = await run(database, request, (ctx) => recordAmReturn(ctx, request.params.id, request.body));
    const message = renamed(r.message);
    return r.created ? reply.status(201).send({ created: true as const, message }) : reply.status(200).send({ created: false as const, message });
  });

  route(app, amReturns.withdrawJobConsent, async (request) => run(database, request, (ctx) => withdrawJobInfoConsent(ctx, request.params.id)));

  route(app, amReturns.list, async (request) => {
    const q = request.query;
    const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const { destinataires, ...list } = await run(database, request, (ctx) => listAmReturns(ctx, { statuses, destinataire: q.recipient, page: q.page, pageSize: q.pageSize }));
    return { ...list, items: list.items.map(renamed), recipients: destinataires };
  });

  route(app, amReturns.export, async (request, reply) => {
    const file = await run(database, request, (ctx) => exportAmReturns(ctx, { destinataire: request.query.recipient, format: request.query.format }));
    return reply
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-maintien-message-count', String(file.messageIds.length))
      .type(file.contentType)
      .send(file.body);
  });

  route(app, amReturns.confirmExport, async (request) => run(database, request, (ctx) => confirmAmReturnExport(ctx, request.body)));

  route(app, amReturns.requeue, async (request) => renamed(await run(database, request, (ctx) => requeueAmReturn(ctx, request.params.id))));

  // --- Machine API of the Assurance maladie (API token, scope `retours`) ----------------------
  route(app, amReturns.outbox, async (request) =>
    run(database, request, (ctx) => readAmReturnOutbox(ctx, { after: request.query.after, limit: request.query.limit, destinataire: request.query.recipient })),
  );

  route(app, amReturns.acknowledge, async (request) => run(database, request, (ctx) => acknowledgeAmReturns(ctx, request.body)));
}
