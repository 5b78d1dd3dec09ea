/**
 * Demo content of the risk index: health profiles for most of ~150 demo workers with arrêts,
 * signed assessments with a history (1 to 3 signatures over the last months, some differing from
 * the suggestion with a rationale), and orientation decisions on their open dossiers (pyramide
 * level accepted, some chef de file suggestions declined with a reason). The demo worker account
 * gets a signed level for her carnet. Deterministic for a given `now`; does nothing when the
 * tenant already has assessments.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import * as demoRepo from '../db/repositories/demo.repository';
import type { Database } from '../db/connection';
import * as repo from '../db/repositories/risk-assessment.repository';
import { CIM_CHAPTERS, CSP_VALUES, EXPOSURES } from '../domain/risk/health-model';
import { suggestLevel } from '../domain/risk/index-algorithm';
import type { RiskLevel } from '../domain/risk/levels';
import { DEFAULT_ORIENTATION_CONFIG, suggestOrientation } from '../domain/risk/orientation';
import { inTenant } from '../db/tenant-tx';
import type { OrientationDecisionTable, RiskAssessmentTable } from '../db/schema-risk/assessment';
import { civilDate } from '../domain/calendar/dates';
import { mulberry32 } from '../domain/random/prng';
import { inputsFromBulk } from '../services/risk/assessment/risk-inputs';
import { loadHealthModel } from '../services/risk/model/health-model-settings';
import type { AssessmentRow } from '../services/risk/assessment/risk-format';
import { orientationFacts } from '../services/risk/assessment/dossier-risk-reader';

const SEED = 5_0142;
const WORKERS = 150;
const DAY = 86_400_000;
const RATIONALES = [
  'Entretien infirmier : douleurs persistantes, reprise au poste incertaine sans aménagement.',
  'Le salarié décrit une bonne récupération ; soutien de l’encadrement confirmé.',
  'Restrictions médicales durables incompatibles avec le poste actuel.',
  'Contexte psychosocial dégradé signalé en visite, à réévaluer dans 3 mois.',
];
const DECLINE_REASONS = ['Le salarié ne souhaite pas d’accompagnement par le service social.', 'Déjà suivi par l’assistante sociale de la Carsat.', 'Situation stabilisée depuis la dernière visite.'];

export async function seedRiskAssessmentDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const db = database.db;
  if (await demoRepo.hasRiskAssessment(db, tenantId)) return;
  const rng = mulberry32(SEED);
  const slug = await demoRepo.findTenantSlug(db, tenantId);
  const demoEmail = (local: string) => `${local}@${slug}.maintien.test`;
  const authors = await demoRepo.findUsersByEmails(db, tenantId, [demoEmail('medecin'), demoEmail('infirmier'), demoEmail('medecin2')]);
  const [socialUser] = await demoRepo.findUsersByEmails(db, tenantId, [demoEmail('social')]);
  if (authors.length === 0) return;
  const [selfWorker] = await demoRepo.findUsersByEmails(db, tenantId, [demoEmail('salarie')]);
  const rows = { rows: await demoRepo.findAssessmentDemoWorkers(db, tenantId, selfWorker?.worker_id ?? null, WORKERS) };

  const today = civilDate(now);
  // Health profiles of ~3 workers in 4 (one statement).
  const profiles = rows.rows.flatMap((w) =>
    rng.chance(0.75)
      ? [{
          tenant_id: tenantId,
          worker_id: w.id,
          csp: rng.weighted(CSP_VALUES, [30, 30, 18, 12, 5, 5]),
          cim_chapters: CIM_CHAPTERS.filter((_, i) => rng.chance([0.25, 0.4, 0.2][i])),
          exposures: EXPOSURES.filter((_, i) => rng.chance([0.35, 0.35, 0.25, 0.1][i])),
          ald: rng.chance(0.1),
          updated_by: authors[0].id,
          updated_at: new Date(now.getTime() - rng.int(30, 200) * DAY),
        }]
      : [],
  );
  await inTenant(db, tenantId, async (trx) => {
    await demoRepo.insertRows(trx, 'worker_health_profile', profiles, { ignoreConflicts: true });
    const facts = new Map((await repo.findIndexFactsBulk(trx, tenantId, rows.rows.map((w) => w.id), today)).map((f) => [f.id, f]));
    const model = await loadHealthModel(trx, tenantId);
    const assessments: Insertable<RiskAssessmentTable>[] = [];
    const latest: { w: (typeof rows.rows)[number]; a: AssessmentRow }[] = [];
    for (const w of rows.rows) {
      const { record, inputs } = inputsFromBulk(facts.get(w.id)!, today);
      const result = suggestLevel(inputs, model);
      const subScores = result.components.map((c) => ({ key: c.key, label: c.label, present: c.present, level: c.level, weight: c.weight, points: c.points, alarm: c.alarm, summary: c.summary }));
      const storedInputs = { asOf: record.asOf, features: inputs.health.features, profileFilled: inputs.health.profileFilled, questionnaire: inputs.questionnaire, employer: inputs.employer, model: result.model };
      const signatures = rng.int(1, 3);
      for (let k = signatures - 1; k >= 0; k--) {
        const author = rng.pick(authors);
        const drift = k === 0 ? 0 : rng.pick([-1, 0, 0]);
        const base = Math.max(0, Math.min(3, result.suggestedLevel + drift)) as RiskLevel;
        const final = (rng.chance(0.2) ? Math.max(0, Math.min(3, base + rng.pick([-1, 1]))) : base) as RiskLevel;
        const a = {
          tenant_id: tenantId,
          id: randomUUID(),
          worker_id: w.id,
          dossier_id: w.dossier_id,
          algorithm_id: result.algorithmId,
          algorithm_version: result.algorithmVersion,
          inputs: storedInputs,
          sub_scores: subScores,
          suggested_level: base,
          final_level: final,
          inaptitude_risk_level: Math.max(0, final - rng.int(0, 1)),
          rationale: final !== base ? rng.pick(RATIONALES) : null,
          author_user_id: author.id,
          author_name: author.display_name,
          signed_at: new Date(now.getTime() - (k * rng.int(45, 90) + rng.int(1, 20)) * DAY),
        };
        assessments.push({ ...a, inputs: JSON.stringify(a.inputs), sub_scores: JSON.stringify(a.sub_scores) });
        if (k === 0) latest.push({ w, a });
      }
    }
    await demoRepo.insertRows(trx, 'risk_assessment', assessments, { batch: 200 });

    // Orientation decisions of the cell on the open dossiers of level 2 or more.
    const decisions: Insertable<OrientationDecisionTable>[] = [];
    const fragility: { dossierId: string; level: string; at: Date }[] = [];
    for (const { w, a } of latest) {
      if (!w.dossier_id || a.final_level < 2 || !socialUser) continue;
      const decidedAt = new Date(now.getTime() - rng.int(0, 5) * DAY);
      for (const sg of suggestOrientation(DEFAULT_ORIENTATION_CONFIG, orientationFacts(a))) {
        if (sg.kind === 'intervenant' && !rng.chance(0.5)) continue;
        if (sg.kind === 'chef_de_file' && !rng.chance(0.7)) continue;
        const decline = sg.kind === 'chef_de_file' ? rng.chance(0.4) : rng.chance(0.1);
        decisions.push({
          tenant_id: tenantId,
          dossier_id: w.dossier_id,
          worker_id: w.id,
          kind: sg.kind,
          value: sg.value,
          rule_id: sg.ruleIds.join(','),
          assessment_id: a.id,
          decision: decline ? 'refusee' : 'acceptee',
          reason: decline ? rng.pick(DECLINE_REASONS) : null,
          decided_by: socialUser.id,
          decided_by_name: socialUser.display_name,
          decided_at: decidedAt,
        });
        if (!decline && sg.kind === 'pyramide') fragility.push({ dossierId: w.dossier_id, level: sg.value, at: decidedAt });
      }
    }
    await demoRepo.insertRows(trx, 'orientation_decision', decisions, { batch: 200 });
    await demoRepo.setFragilityLevels(trx, tenantId, fragility);
  });
}
