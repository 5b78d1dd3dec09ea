/** Routes of the signals intake channel: employer declarations, fiches de liaison, saisines, signal lists. */
import { employerDeclarations, saisines, signals, vprOrientations } from '../../../contract/intake/signals';
import { declareArret } from '../../../services/intake/declaration-creator';
import { importDeclarations } from '../../../services/intake/declaration-importer';
import { listMyDeclarations } from '../../../services/intake/declaration-lister';
import { attachDeclarationToWorker, listDeclarationsToVerify } from '../../../services/intake/declaration-verifier';
import { createSaisine } from '../../../services/intake/saisine-creator';
import { listMySaisines, listSaisineWorkers } from '../../../services/intake/saisine-lister';
import { listDossierSignals, listSignals } from '../../../services/intake/signal-lister';
import { answerVprOrientation } from '../../../services/intake/vpr-answerer';
import { fileVprOrientation } from '../../../services/intake/vpr-filer';
import { listMyVprOrientations, listVprOrientations } from '../../../services/intake/vpr-lister';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { commaList, route } from '../../route';

export function signalsRoutes(app: App, { database }: Deps): void {
  // ---- Employer declarations: the employer's space, then the cell's queue ----------------------
  route(app, employerDeclarations.declare, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => declareArret(ctx, request.body))));
  route(app, employerDeclarations.import, async (request) => run(database, request, (ctx) => importDeclarations(ctx, request.body)));
  route(app, employerDeclarations.listMine, async (request) => run(database, request, (ctx) => listMyDeclarations(ctx)));
  route(app, employerDeclarations.toVerify, async (request) => run(database, request, (ctx) => listDeclarationsToVerify(ctx)));
  route(app, employerDeclarations.attach, async (request) => run(database, request, (ctx) => attachDeclarationToWorker(ctx, request.params.id, request.body)));

  // ---- Fiches de liaison -------------------------------------------------------------------------
  route(app, vprOrientations.file, async (request, reply) => {
    const b = request.body;
    return reply.status(201).send(await run(database, request, (ctx) => fileVprOrientation(ctx, { ...b, consentDate: b.consentDate ?? '' })));
  });
  route(app, vprOrientations.list, async (request) => run(database, request, (ctx) => listVprOrientations(ctx, request.query)));
  route(app, vprOrientations.answer, async (request) => run(database, request, (ctx) => answerVprOrientation(ctx, request.params.id, request.body)));
  route(app, vprOrientations.listMine, async (request) => run(database, request, (ctx) => listMyVprOrientations(ctx)));

  // ---- Saisines ------------------------------------------------------------------------------------
  route(app, saisines.create, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createSaisine(ctx, request.body))));
  route(app, saisines.listMine, async (request) => run(database, request, (ctx) => listMySaisines(ctx)));
  route(app, saisines.workers, async (request) => run(database, request, (ctx) => listSaisineWorkers(ctx)));

  // ---- Signals -------------------------------------------------------------------------------------
  route(app, signals.list, async (request) => {
    const q = request.query;
    return run(database, request, (ctx) => listSignals(ctx, { sources: commaList(q.source), kinds: commaList(q.kind), from: q.from, to: q.to, page: q.page, pageSize: q.pageSize }));
  });
  route(app, signals.ofDossier, async (request) => run(database, request, (ctx) => listDossierSignals(ctx, request.params.id)));
}
