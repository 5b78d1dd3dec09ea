/**
 * risk / assessment (docs/risk-index.md): the index of a worker for health professionals, its
 * signature, the health-record profile, the level shared with the cell and consented partners
 * (contract C2), the worker's own level, and the orientation support of a case.
 */
import { assessment, orientation } from '../../../contract/risk/assessment';
import { signAssessment } from '../../../services/risk/assessment/assessment-signer';
import { readOwnRisk } from '../../../services/risk/assessment/carnet-risk-reader';
import { readDossierRisk } from '../../../services/risk/assessment/dossier-risk-reader';
import { updateHealthProfile } from '../../../services/risk/assessment/health-profile-updater';
import { decideOrientation } from '../../../services/risk/assessment/orientation-decider';
import { readOrientationSettings, updateOrientationSettings } from '../../../services/risk/assessment/orientation-settings';
import { readWorkerRisk } from '../../../services/risk/assessment/risk-reader';
import { readSharedLevel } from '../../../services/risk/assessment/shared-level-reader';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

export function riskAssessmentRoutes(app: App, { database }: Deps): void {
  route(app, assessment.readWorker, async (request) => run(database, request, (ctx) => readWorkerRisk(ctx, request.params.id)));

  route(app, assessment.updateHealthProfile, async (request) => run(database, request, (ctx) => updateHealthProfile(ctx, request.params.id, request.body)));

  route(app, assessment.sign, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => signAssessment(ctx, request.params.id, request.body))));

  route(app, assessment.readDossier, async (request) => run(database, request, (ctx) => readDossierRisk(ctx, request.params.id)));

  route(app, assessment.readSharedLevel, async (request) => run(database, request, (ctx) => readSharedLevel(ctx, request.params.id)));

  route(app, orientation.decide, async (request) => run(database, request, (ctx) => decideOrientation(ctx, request.params.id, request.body)));

  route(app, assessment.readOwn, async (request) => run(database, request, (ctx) => readOwnRisk(ctx)));

  route(app, orientation.readSettings, async (request) => run(database, request, (ctx) => readOrientationSettings(ctx)));

  route(app, orientation.updateSettings, async (request) => run(database, request, (ctx) => updateOrientationSettings(ctx, request.body.config)));
}
