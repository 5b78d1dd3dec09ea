/**
 * An operation of the API, defined once and imported by both sides: the server registers it
 * (src/http/route.ts: schema, validation, OpenAPI, permission hook) and the web calls it
 * (web/src/client.ts: path, query, body and the answer's type all follow from the operation).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Action, Capability, Category, Permission } from '../domain/access';

export type { Capability, Category, Permission };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OperationSpec {
  method: Method;
  /** Fastify-style path with `:params`, starting with /api/v1. */
  path: string;
  /** What the caller must hold (published as `x-permission`). */
  permission: Permission;
  tags: readonly string[];
  summary: string;
  description?: string;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** Answers by HTTP status; the success answer is the first 2xx. */
  response: Record<number, TSchema>;
  /** Rate limit, for the few operations that need one (login). */
  rateLimit?: { max: number; timeWindow: number | string };
  /** The answer is not JSON (PDF, CSV): `response` documents it, the client reads a Blob. */
  produces?: readonly string[];
  consumes?: readonly string[];
  /** Hidden from the OpenAPI document. */
  hide?: boolean;
  /** OpenAPI security requirement when it differs from the document's (e.g. API token only). */
  security?: readonly Record<string, readonly string[]>[];
}

/** Keeps the literal types of an operation (so that both sides infer from it). */
export const defineOperation = <const O extends OperationSpec>(o: O): O => o;

// ------------------------------------------------------------------------------------------
// Permissions, as the contract writes them
// ------------------------------------------------------------------------------------------

export const publicAccess: Permission = { kind: 'public' };
/** Any signed-in principal (user session or API token); the service decides per resource. */
export const authenticated: Permission = { kind: 'authenticated' };
/** Any user with a session (no API token). */
export const sessionOnly: Permission = { kind: 'authenticated', session: true };
/** Holds `capability` (or one of several). */
export const capability = (c: Capability | readonly Capability[], opts: { refusal?: string; session?: boolean } = {}): Permission => ({
  kind: 'capability',
  anyOf: typeof c === 'string' ? [c] : c,
  ...opts,
});
/** The role may `action` data of `category` under some scope; the relation to the worker is checked by the service. */
export const dataAccess = (action: Action, category: Category, opts: { refusal?: string; session?: boolean } = {}): Permission => ({
  kind: 'data',
  action,
  category,
  ...opts,
});

// ------------------------------------------------------------------------------------------
// Types derived from an operation
// ------------------------------------------------------------------------------------------

/** What travels in JSON: a Date becomes its ISO string. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type SuccessStatus = 200 | 201 | 202 | 204;
type SuccessSchema<O extends OperationSpec> = O['response'][Extract<keyof O['response'], SuccessStatus>];

/** The success answer of an operation, as the web receives it. */
export type ResponseOf<O extends OperationSpec> = SuccessSchema<O> extends TSchema ? Wire<Static<SuccessSchema<O>>> : never;
/** The body an operation takes. */
export type BodyOf<O extends OperationSpec> = O['body'] extends TSchema ? Static<O['body']> : never;
/** The query string an operation takes. */
export type QueryOf<O extends OperationSpec> = O['querystring'] extends TSchema ? Static<O['querystring']> : never;
/** The path parameters of an operation. */
export type ParamsOf<O extends OperationSpec> = O['params'] extends TSchema ? Static<O['params']> : never;
/** The wire type of any schema of the contract (for components that take a part of an answer). */
export type WireOf<S extends TSchema> = Wire<Static<S>>;
