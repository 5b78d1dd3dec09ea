/** Shared TypeBox schemas of the API (request and response), reused by every route file. */
import { Type, type TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'AAAA-MM-JJ' });
/** Serialised as an ISO 8601 string; services may return a Date. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Code stable, en majuscules' }),
      message: Type.String({ description: 'Message en français' }),
      field: Type.Optional(Type.String()),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const IdParams = Type.Object({ id: Uuid });

export const Labelled = Type.Object({ code: Type.String(), label: Type.String() });

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

export const Employment = Type.Object({
  id: Uuid,
  company: Type.Object({ id: Uuid, name: Type.String(), siret: Type.String() }),
  jobTitle: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
});

export const Entry = Type.Object({
  id: Uuid,
  kind: Type.String(),
  category: Type.String(),
  categoryLabel: Type.String(),
  title: Nullable(Type.String()),
  body: Type.String(),
  authorName: Nullable(Type.String()),
  createdAt: Timestamp,
  sharedWithWorker: Type.Boolean(),
});

export const DossierPage = Type.Object({
  id: Uuid,
  reference: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  origin: Type.String(),
  originLabel: Type.String(),
  summary: Type.String(),
  openedAt: Timestamp,
  closedAt: Nullable(Timestamp),
  nextDueDate: Nullable(IsoDate),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  worker: Type.Object({
    id: Uuid,
    displayName: Type.String(),
    birthDate: IsoDate,
    sex: Type.Integer(),
    nirMasked: Nullable(Type.String()),
    nir: Type.Optional(Type.String({ description: 'Présent seulement pour qui peut lire les données sensibles' })),
  }),
  employments: Type.Array(Employment),
  assignees: Type.Array(
    Type.Object({ id: Uuid, displayName: Type.String(), role: Nullable(Type.String()), roleLabel: Type.String(), isReferent: Type.Boolean() }),
  ),
  allowedTransitions: Type.Array(Type.Object({ to: Type.String(), label: Type.String(), requiresReason: Type.Boolean() })),
  transitions: Type.Array(
    Type.Object({
      from: Nullable(Type.String()),
      to: Type.String(),
      fromLabel: Nullable(Type.String()),
      toLabel: Type.String(),
      reason: Nullable(Type.String()),
      actorName: Nullable(Type.String()),
      at: Timestamp,
    }),
  ),
  timeline: Type.Array(Entry),
  writableCategories: Type.Array(Labelled),
});

export const Errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
