/**
 * Schemas shared by every resource of the contract (TypeBox: JSON Schema for the server's
 * validation and the OpenAPI document, static types for both sides).
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'AAAA-MM-JJ' });
/** Serialised as an ISO 8601 string; services may return a Date (the web sees a string: see `Wire`). */
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

/** `{ 400: ErrorResponse, 401: ErrorResponse, … }` for the listed statuses. */
export const Errors = <C extends number>(...codes: C[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse])) as Record<C, typeof ErrorResponse>;

/** A list of string literals as a TypeBox union (enums of the domain). */
export const OneOf = <const T extends readonly string[]>(values: T, options?: { description?: string; default?: T[number] }) =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as unknown as TUnion<TLiteral<T[number]>[]>;
