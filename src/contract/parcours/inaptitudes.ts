/**
 * Parcours / inaptitude (docs/parcours-visits.md §4): the avis d'inaptitude of a worker, the
 * dismissal date, and the ex-post review list (IGAS §255). Health professionals only.
 */
import { Type } from '@sinclair/typebox';
import { INAPTITUDE_ORIGINS } from '../../domain/parcours/inaptitude';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';

export { INAPTITUDE_ORIGIN_LABELS, INAPTITUDE_ORIGINS } from '../../domain/parcours/inaptitude';
export type { InaptitudeOrigin } from '../../domain/parcours/inaptitude';

const tags = ['Inaptitude'];

/** An avis d'inaptitude (`avisDate`, `dispenseReclassement`: legal terms, docs/api.md « Vocabulary »). */
export const Inaptitude = Type.Object({
  id: Uuid,
  avisDate: IsoDate,
  dispenseReclassement: Type.Boolean(),
  origin: Type.String({ description: INAPTITUDE_ORIGINS.join(' | ') }),
  originLabel: Type.String(),
  dismissalDate: Nullable(IsoDate),
  companyName: Nullable(Type.String()),
  dossierId: Nullable(Uuid),
});

export const InaptitudeReviewItem = Type.Object({
  id: Uuid,
  workerId: Uuid,
  workerName: Type.String(),
  companyName: Nullable(Type.String()),
  avisDate: IsoDate,
  dismissalDate: IsoDate,
  dispenseReclassement: Type.Boolean(),
  originLabel: Type.String(),
  finalLevel: Type.Integer(),
  levelSignedAt: Nullable(Timestamp),
  firstDossierOpenedOn: Nullable(IsoDate),
});

export const inaptitudes = {
  listOfWorker: defineOperation({
    method: 'GET',
    path: '/api/v1/workers/:id/inaptitudes',
    permission: capability('inaptitude.manage'),
    tags,
    summary: "Avis d'inaptitude d'un salarié",
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(Inaptitude) }), ...Errors(400, 401, 403, 404) },
  }),
  record: defineOperation({
    method: 'POST',
    path: '/api/v1/workers/:id/inaptitudes',
    permission: capability('inaptitude.manage', { refusal: "Seuls les professionnels de santé du service enregistrent un avis d'inaptitude." }),
    tags,
    summary: "Enregistrer un avis d'inaptitude (avec ou sans dispense de reclassement, date de licenciement si connue)",
    params: IdParams,
    body: Type.Object({
      avisDate: Type.String({ maxLength: 20, description: 'AAAA-MM-JJ' }),
      dispenseReclassement: Type.Boolean(),
      origin: Type.Optional(Nullable(Type.String({ maxLength: 40, description: INAPTITUDE_ORIGINS.join(' | ') }))),
      dismissalDate: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'AAAA-MM-JJ' }))),
    }),
    response: { 201: Type.Object({ id: Uuid, dossierId: Nullable(Uuid) }), ...Errors(400, 401, 403, 404) },
  }),
  recordDismissal: defineOperation({
    method: 'PUT',
    path: '/api/v1/inaptitudes/:id/dismissal',
    permission: capability('inaptitude.manage', { refusal: "Seuls les professionnels de santé du service modifient un avis d'inaptitude." }),
    tags,
    summary: 'Date du licenciement pour inaptitude',
    params: IdParams,
    body: Type.Object({ dismissalDate: Nullable(Type.String({ maxLength: 20, description: 'AAAA-MM-JJ' })) }),
    response: { 200: Type.Object({ id: Uuid, dismissalDate: Nullable(Type.String()) }), ...Errors(400, 401, 403, 404) },
  }),
  review: defineOperation({
    method: 'GET',
    path: '/api/v1/inaptitudes/review',
    permission: capability('inaptitude.manage'),
    tags,
    summary: 'Revue a posteriori : licenciements pour inaptitude avec un indice élevé (niveau signé ≥ 2) sans saisine préalable de la cellule',
    response: {
      200: Type.Object({ indexAvailable: Type.Boolean(), highIndexLevel: Type.Integer(), items: Type.Array(InaptitudeReviewItem) }),
      ...Errors(401, 403),
    },
  }),
};
