/**
 * jobs (docs/jobs.md): long work recorded in the database — its state, progress (units done of
 * total, rate, time left), counts, who started it, when, its French error or its report. Each kind
 * is started by its own operation (« Recalculer »: `risk.screening.run`); these two read them.
 * Who sees which kind is declared per kind in src/domain/jobs/kinds.ts: the operations' permission
 * is the union of those capabilities, and a kind the role may not see is refused (403).
 */
import { Type } from '@sinclair/typebox';
import { JOB_KINDS, JOB_STATES, JOB_VIEW_CAPABILITIES } from '../domain/jobs/kinds';
import { Errors, IdParams, Nullable, OneOf, Timestamp, Uuid } from './common';
import { capability, defineOperation } from './operation';

export { ACTIVE_JOB_STATES, JOB_KIND_INFO, JOB_KINDS, JOB_STATE_LABELS, JOB_STATES, type JobKind, type JobState } from '../domain/jobs/kinds';

const tags = ['Traitements'];

export const JOBS_REFUSED = 'Votre rôle ne permet pas de consulter ces traitements.';
export const JOBS_MAX_LIMIT = 100;

export const JobKindSchema = OneOf(JOB_KINDS);
export const JobStateSchema = OneOf(JOB_STATES);

export const JobCount = Type.Object({ key: Type.String(), label: Type.String(), value: Type.Integer() });

export const Job = Type.Object({
  id: Uuid,
  kind: JobKindSchema,
  kindLabel: Type.String(),
  state: JobStateSchema,
  stateLabel: Type.String(),
  /** Units done of total (total null while unknown), in the kind's unit. */
  done: Type.Integer(),
  total: Nullable(Type.Integer()),
  unit: Type.String({ description: 'Ce que comptent done et total (« salariés », « lignes »)' }),
  ratePerSecond: Nullable(Type.Number({ description: 'Unités par seconde depuis le début de la tentative en cours' })),
  secondsLeft: Nullable(Type.Integer({ description: 'Temps restant estimé à ce rythme, en secondes' })),
  counts: Type.Array(JobCount),
  startedBy: Type.String({ description: 'Qui a lancé le traitement' }),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  /** Attempts so far: more than one when the job was resumed after a crash or a restart. */
  attempts: Type.Integer(),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  summary: Nullable(Type.String({ description: 'Compte rendu en une phrase, quand le traitement est terminé' })),
  result: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'Compte rendu détaillé, propre à chaque sorte de traitement' })),
});

export const JobList = Type.Object({ items: Type.Array(Job) });

export const jobs = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/jobs',
    permission: capability(JOB_VIEW_CAPABILITIES, { refusal: JOBS_REFUSED }),
    tags,
    summary: 'Traitements longs du service (en attente, en cours, terminés), les plus récents d’abord ; seulement les sortes que le rôle peut voir',
    querystring: Type.Object({
      kind: Type.Optional(JobKindSchema),
      state: Type.Optional(JobStateSchema),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: JOBS_MAX_LIMIT, description: `Au plus ${JOBS_MAX_LIMIT} (défaut 20)` })),
    }),
    response: { 200: JobList, ...Errors(400, 401, 403) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/jobs/:id',
    permission: capability(JOB_VIEW_CAPABILITIES, { refusal: JOBS_REFUSED }),
    tags,
    summary: 'Un traitement : état, avancement (fait sur total, rythme, temps restant), erreur ou compte rendu — à interroger toutes les secondes pendant qu’il tourne',
    params: IdParams,
    response: { 200: Job, ...Errors(400, 401, 403, 404) },
  }),
};
