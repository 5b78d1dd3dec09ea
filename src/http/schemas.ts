/** Shared TypeBox schemas of the API (request and response), reused by every route file. */
import { Type } from '@sinclair/typebox';

export { Uuid, IsoDate, Timestamp, Nullable, ErrorResponse, IdParams, Labelled, Errors } from '../contract/common';
export { Entry, DossierPage } from '../contract/dossiers';
export { Employment } from '../contract/workers';
import { IsoDate, Labelled, Nullable, Uuid } from '../contract/common';

export const Me = Type.Object({
  user: Type.Object({
    id: Uuid,
    displayName: Type.String(),
    email: Type.String(),
    role: Type.String(),
    roleLabel: Type.String(),
    organisation: Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), kindLabel: Type.String() }),
    companyId: Nullable(Uuid),
    workerId: Nullable(Uuid),
  }),
  csrfToken: Type.String(),
  capabilities: Type.Array(Type.String()),
  writableCategories: Type.Array(Labelled),
});

