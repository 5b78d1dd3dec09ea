/**
 * risk / suggestions (docs/risk-suggestions.md): the worklist « Repérage par l'indice » (API
 * `screening`) read from the last `risk score-all` run, and its recalculation — a job
 * (src/contract/jobs.ts). Health professionals only (risk.assess).
 */
import { Type } from '@sinclair/typebox';
import {
  SCREENING_DEFAULT_MONTHS,
  SCREENING_DEFAULT_PAGE_SIZE,
  SCREENING_MAX_MONTHS,
  SCREENING_MAX_PAGE,
  SCREENING_MAX_PAGE_SIZE,
} from '../../domain/risk/screening';

export { SCREENING_DEFAULT_MONTHS } from '../../domain/risk/screening';
import { Errors, Nullable, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';
import { Job } from '../jobs';
import { Level } from './assessment';

const tags = ['Indice de risque'];

const SCREENING_REFUSED = "Seuls le médecin du travail et l'infirmier en santé au travail accèdent au repérage par l'indice.";

export const LevelCount = Type.Object({ level: Level, label: Type.String(), count: Type.Integer() });

export const ScoreRun = Type.Object({
  computedAt: Timestamp,
  algorithmId: Type.String(),
  algorithmVersion: Type.String(),
  model: Type.Object({ id: Type.String(), version: Type.String(), validated: Type.Boolean(), warning: Nullable(Type.String()) }),
  workers: Type.Integer(),
  levelCounts: Type.Array(LevelCount),
});

export const ScreeningItem = Type.Object({
  workerId: Uuid,
  displayName: Type.String(),
  birthYear: Type.Integer(),
  age: Type.Integer(),
  suggestedLevel: Level,
  suggestedLevelLabel: Type.String(),
  healthProbabilityPercent: Type.Number({ description: 'Probabilité du modèle du dossier de santé, en %' }),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String(), jobTitle: Nullable(Type.String()) })),
  openDossier: Nullable(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
  lastAssessment: Nullable(Type.Object({ finalLevel: Level, finalLevelLabel: Type.String(), signedAt: Timestamp })),
});

export const ScreeningList = Type.Object({
  run: Nullable(ScoreRun),
  running: Type.Boolean(),
  filters: Type.Object({ minLevel: Level, months: Type.Integer(), since: Timestamp }),
  counts: Type.Array(LevelCount),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(ScreeningItem),
});

export const screening = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/risk/screening',
    permission: capability('risk.assess', { refusal: SCREENING_REFUSED }),
    tags,
    summary:
      "Repérage par l'indice : salariés dont le niveau suggéré est élevé et sans indice signé depuis N mois (médecin, infirmier ; lecture médicale tracée). Suggestions seulement.",
    // Whole numbers here; their ranges are checked by the service, with their own codes
    // (NIVEAU_INVALIDE, PERIODE_INVALIDE, PAGE_INVALIDE).
    querystring: Type.Object({
      minLevel: Type.Optional(Type.Integer({ description: 'Niveau suggéré minimal : 1, 2 (défaut) ou 3' })),
      months: Type.Optional(Type.Integer({ description: `Sans indice signé depuis ce nombre de mois : 1 à ${SCREENING_MAX_MONTHS} (défaut ${SCREENING_DEFAULT_MONTHS})` })),
      page: Type.Optional(Type.Integer({ description: `Page, à partir de 1 (au plus ${SCREENING_MAX_PAGE})` })),
      pageSize: Type.Optional(Type.Integer({ description: `Lignes par page : 1 à ${SCREENING_MAX_PAGE_SIZE} (défaut ${SCREENING_DEFAULT_PAGE_SIZE})` })),
    }),
    response: { 200: ScreeningList, ...Errors(400, 401, 403) },
  }),
  run: defineOperation({
    method: 'POST',
    path: '/api/v1/risk/screening/runs',
    permission: capability('risk.assess', { refusal: SCREENING_REFUSED }),
    tags,
    summary:
      'Recalculer le niveau suggéré de tous les salariés du service (maintien risk score-all) : lance un traitement (202, suivi par GET /api/v1/jobs/{id}) ; un calcul à la fois par service (409 CALCUL_EN_COURS)',
    response: { 202: Job, ...Errors(401, 403, 409) },
  }),
};
