/**
 * The API contract of Maintien: every operation (method, path, permission, request and answer
 * schemas) defined once, imported by the server's routes and by the web client. It imports
 * TypeBox and pure domain modules only (no Fastify, Kysely or Node): the web bundles it.
 */
export * from './common';
export * from './operation';
export * from './dossiers';
export * from './workers';
