/** Schemas used by several intake resources (defined once). */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../common';

/** `page` of a paged list (1-based). */
export const PageParam = Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 }));
/** A dossier named by its reference. */
export const DossierRef = Type.Object({ id: Uuid, reference: Type.String() });
/** A worker or a user, by display name. */
export const PersonRef = Type.Object({ id: Uuid, displayName: Type.String() });
/** `status` and its French label. */
export const Status = { status: Type.String(), statusLabel: Type.String() };
