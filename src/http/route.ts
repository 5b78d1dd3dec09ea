/**
 * Registers an operation of the contract (src/contract) on the Fastify app: its schemas
 * (validation, serialisation, OpenAPI), its permission (enforced by the hook of http/auth.ts,
 * published as `x-permission`) and its handler, typed from the operation.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { OperationSpec } from '../contract/operation';
import { describePermission, type Permission } from '../domain/access';
import type { App } from './deps';

type S<T> = T extends TSchema ? Static<T> : unknown;
type SuccessStatus = 200 | 201 | 202 | 204;
/** What a handler may return: the success answer as the server holds it (Dates allowed), or the reply. */
type Answer<O extends OperationSpec> = S<O['response'][Extract<keyof O['response'], SuccessStatus>]> | FastifyReply;

export type OperationRequest<O extends OperationSpec> = FastifyRequest<{
  Params: S<O['params']>;
  Querystring: S<O['querystring']>;
  Body: S<O['body']>;
}>;

export type OperationHandler<O extends OperationSpec> = (request: OperationRequest<O>, reply: FastifyReply) => Promise<Answer<O>>;

export interface RouteExtras {
  /** Extra route config (e.g. a rate limit computed from the configuration). */
  config?: Record<string, unknown>;
  bodyLimit?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation's permission, checked by the preHandler hook of http/auth.ts. */
    permission?: Permission;
  }
}

export function route<O extends OperationSpec>(app: App, op: O, handler: OperationHandler<O>, extras: RouteExtras = {}): void {
  const schema: Record<string, unknown> = {
    tags: op.tags,
    summary: op.summary,
    response: op.response,
    'x-permission': describePermission(op.permission),
  };
  if (op.description) schema.description = op.description;
  if (op.params) schema.params = op.params;
  if (op.querystring) schema.querystring = op.querystring;
  if (op.body) schema.body = op.body;
  if (op.produces) schema.produces = op.produces;
  if (op.consumes) schema.consumes = op.consumes;
  if (op.hide) schema.hide = true;
  if (op.security) schema.security = op.security;
  const options: RouteShorthandOptions = {
    schema,
    config: {
      ...extras.config,
      permission: op.permission,
      auth: op.permission.kind === 'public' ? 'public' : op.permission.session ? 'session' : 'user',
    },
  };
  if (extras.bodyLimit) options.bodyLimit = extras.bodyLimit;
  app.route({ method: op.method, url: op.path, ...options, handler: handler as never });
}

/** A comma-separated query parameter (`state=a,b`) as a list, blanks dropped; undefined when absent. */
export const commaList = (s?: string): string[] | undefined => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
