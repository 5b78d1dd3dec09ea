/**
 * The typed client of the API contract: `call(operation, { params, query, body })` fills the
 * path, sends the query and body the operation declares, and answers the type of its success
 * response — no cast in web code. The web derives every DTO type from the contract
 * (`ResponseOf<typeof dossiers.read>`, `WireOf<typeof DossierPage>`), never by hand.
 */
import type { BodyOf, OperationSpec, ParamsOf, Permission, QueryOf, ResponseOf } from '@contract';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ApiError, buildQuery, request, requestFile, type RequestOptions } from './api';

type ParamArgs<O extends OperationSpec> = O['params'] extends TSchema ? { params: ParamsOf<O> } : { params?: undefined };
type BodyArgs<O extends OperationSpec> = O['body'] extends TSchema ? { body: BodyOf<O> } : { body?: undefined };
type QueryArgs<O extends OperationSpec> = O['querystring'] extends TSchema ? { query?: Partial<QueryOf<O>> } : { query?: undefined };

export type CallArgs<O extends OperationSpec> = ParamArgs<O> &
  BodyArgs<O> &
  QueryArgs<O> & {
    signal?: AbortSignal;
    /** Do not redirect to /connexion on 401 (login form, initial session probe). */
    allowUnauthenticated?: boolean;
  };

type Required<O extends OperationSpec> = O['params'] extends TSchema ? true : O['body'] extends TSchema ? true : false;
type ArgList<O extends OperationSpec> = Required<O> extends true ? [args: CallArgs<O>] : [args?: CallArgs<O>];

/** The operation's path with its `:params` filled (and encoded), relative to /api/v1. */
export function pathOf<O extends OperationSpec>(op: O, params?: ParamsOf<O>): string {
  const values = (params ?? {}) as Record<string, string | number>;
  const path = op.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`Paramètre manquant : ${name}`);
    return encodeURIComponent(String(v));
  });
  return path.replace(/^\/api\/v1/, '');
}

/** Calls an operation of the contract; the answer's type follows from the operation. */
export function call<O extends OperationSpec>(op: O, ...[args]: ArgList<O>): Promise<ResponseOf<O>> {
  const a = (args ?? {}) as CallArgs<O>;
  const writes = op.method !== 'GET';
  return request<ResponseOf<O>>(pathOf(op, a.params as ParamsOf<O>), {
    method: op.method,
    query: a.query as RequestOptions['query'],
    body: a.body !== undefined ? a.body : writes && op.method !== 'DELETE' ? {} : undefined,
    signal: a.signal,
    allowUnauthenticated: a.allowUnauthenticated,
  });
}

/** Fetches the file an operation answers (CSV, JSON lines), with the API's errors in French. */
export function download<O extends OperationSpec>(op: O, ...[args]: ArgList<O>): Promise<{ fileName: string | null; text: string; type: string }> {
  const a = (args ?? {}) as CallArgs<O>;
  return requestFile(pathOf(op, a.params as ParamsOf<O>), { method: op.method, query: a.query as RequestOptions['query'], signal: a.signal });
}

/** A link to an operation answering a file (PDF, CSV): for `<a href>` and downloads. */
export function hrefOf<O extends OperationSpec>(op: O, ...[args]: O['params'] extends TSchema ? [args: { params: ParamsOf<O>; query?: Partial<QueryOf<O>> }] : [args?: { query?: Partial<QueryOf<O>> }]): string {
  const a = (args ?? {}) as { params?: ParamsOf<O>; query?: Partial<QueryOf<O>> };
  return `/api/v1${pathOf(op, a.params)}${buildQuery(a.query as RequestOptions['query'])}`;
}

/**
 * May a user holding `capabilities` (from /auth/me) call an operation? What the web shows or
 * hides follows the operation's declared permission, never a role name. Data permissions and
 * per-worker relations are decided by the server (the page shows what the answer contains).
 */
export function permitsWith(capabilities: readonly string[], permission: Permission): boolean {
  if (permission.kind === 'capability') return permission.anyOf.some((c) => capabilities.includes(c));
  return true;
}

/**
 * The `details` of an API error, when they have the shape the contract gives them (checked, not
 * cast): e.g. the per-item messages of REPONSES_INVALIDES, the counts of a refused evaluation.
 */
export function errorDetails<S extends TSchema>(error: unknown, schema: S, code?: string): Static<S> | undefined {
  if (!(error instanceof ApiError) || (code !== undefined && error.code !== code)) return undefined;
  return Value.Check(schema, error.details) ? error.details : undefined;
}
