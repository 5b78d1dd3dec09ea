/**
 * The API contract of Maintien: every operation (method, path, permission, request and answer
 * schemas) defined once, imported by the server's routes and by the web client. It imports
 * TypeBox and pure domain modules only (no Fastify, Kysely or Node): the web bundles it.
 *
 * Core resources are exported flat (`dossiers.read`); each module under its name
 * (`intake.signals.list`, `parcours.visits.schedule`, `risk.assessment.sign`), so that two
 * modules may name a schema alike.
 */
export * from './common';
export * from './operation';
export * from './vocabulary';
export * from './auth';
export * from './admin';
export * from './dossiers';
export * from './navigation';
export * from './spaces';
export * from './workers';
export * from './jobs';
export * as intake from './intake';
export * as parcours from './parcours';
export * as risk from './risk';
