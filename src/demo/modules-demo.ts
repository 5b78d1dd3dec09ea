/**
 * Demo content of the feature modules, added after the base demo service is created: intake
 * (issue 4), risk (issue 5), parcours (issue 6). Run by `maintien start` / `maintien seed demo`;
 * the integration tests start from the base demo only unless they ask for it (`modules: true`).
 * Order matters: the parcours builds on signals and risk assessments.
 */
import type { Database } from '../db/connection';
import { seedIntakeDemo } from './intake-demo';
import { seedParcoursMeasuresDemo } from './parcours-measures';
import { seedParcoursPartnersDemo } from './parcours-partners';
import { seedParcoursVisitsDemo } from './parcours-visits';
import { seedRiskAssessmentDemo } from './risk-assessment';
import { scoreAll } from '../services/risk/assessment/score-all';
import { seedRiskQuestionnairesDemo } from './risk-questionnaires';

export async function seedModulesDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  await seedIntakeDemo(database, tenantId, now);
  await seedRiskQuestionnairesDemo(database, tenantId, now);
  await seedRiskAssessmentDemo(database, tenantId, now);
  await seedParcoursMeasuresDemo(database, tenantId, now);
  await seedParcoursVisitsDemo(database, tenantId, now);
  await seedParcoursPartnersDemo(database, tenantId, now);
  // The suggested level of every worker, so that « Repérage par l'indice » has content (docs/risk-suggestions.md).
  await scoreAll(database, tenantId, { now });
}
