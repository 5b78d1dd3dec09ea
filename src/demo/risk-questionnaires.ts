/**
 * Demo content of risk-questionnaires: completed WAI for ~200 workers (lower for those followed
 * by the cell, as in the literature: WAI mean ≈ 38 in a working population, under 30 among
 * workers at risk), a few short forms, employer questionnaires for 20 companies, and one open
 * personal link for the demo worker (« salarie »), answerable at /questionnaire/demo-<slug>-wai.
 * Deterministic for a given demo base and `now`; rows are inserted in bulk (no audit events).
 */
import type { Insertable } from 'kysely';
import type { Database } from '../db/connection';
import * as demoRepo from '../db/repositories/demo.repository';
import type { QuestionnaireResponseTable } from '../db/schema-risk/questionnaires';
import { inTenant } from '../db/tenant-tx';
import { EMPLOYEUR_V1, validateAnswers, WAI_COURT_V1, WAI_DISEASES, WAI_V1, type Answers, type QuestionnaireDefinition } from '../domain/risk/questionnaires';
import { LINK_DEFAULT_DAYS, linkExpiry } from '../domain/risk/questionnaires/links';
import { sha256 } from '../services/auth/session-opener';
import { OPEN_STATES } from '../domain/dossier/states';
import { mulberry32, type Rng } from '../domain/random/prng';

const DAY = 86_400_000;
const WAI_WORKERS = 200;
const SHORT_FORMS = 15;
const COMPANIES = 20;

/** The token of the demo's open link (demo only: a real token is 32 random bytes). */
export const demoLinkToken = (slug: string) => `demo-${slug}-wai`;

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
const level = (rng: Rng, h: number, lo: number, hi: number, sd = 0.8) => clamp(Math.round(lo + (hi - lo) * h + normal(rng) * sd), lo, hi);

/** WAI answers from a latent work ability h in [0, 1]. */
function waiAnswers(rng: Rng, h: number): Answers {
  const nDiseases = clamp(Math.round((1 - h) * 5 + normal(rng)), 0, 6);
  // Musculoskeletal and mental disorders dominate among workers at risk (domain §6).
  const pool = WAI_DISEASES.map((d) => String(d.value));
  const weights = pool.map((v) => (v.startsWith('ms_') ? 5 : v.startsWith('psy_') ? 4 : v.startsWith('cv_') || v.startsWith('endo_') ? 2 : 1));
  const diseases = new Set<string>();
  while (diseases.size < nDiseases) diseases.add(rng.weighted(pool, weights));
  const pronostic = h > 0.65 ? (rng.chance(0.85) ? 7 : 4) : h > 0.4 ? rng.weighted([1, 4, 7], [1, 5, 3]) : rng.weighted([1, 4, 7], [5, 4, 1]);
  return {
    capacite_actuelle: level(rng, h, 0, 10, 1),
    nature_travail: rng.weighted(['physique', 'mixte', 'mental'], [40, 35, 25]),
    exigences_physiques: level(rng, h, 1, 5, 0.7),
    exigences_mentales: level(rng, h, 1, 5, 0.7),
    maladies: [...diseases],
    gene_maladies: nDiseases === 0 ? 6 : level(rng, h, 1, 5, 0.7),
    absences: level(rng, h, 1, 5, 0.8),
    pronostic,
    plaisir: level(rng, h, 0, 4),
    dynamisme: level(rng, h, 0, 4),
    espoir: level(rng, h, 0, 4),
  };
}

function completed(def: QuestionnaireDefinition, raw: Answers) {
  const v = validateAnswers(def, raw, true);
  if (!v.ok) throw new Error(`demo ${def.id}: ${JSON.stringify(v.errors)}`);
  const r = def.score(v.value);
  return { answers: JSON.stringify(v.value), score: r.score, category: r.category };
}

export async function seedRiskQuestionnairesDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const rng = mulberry32(0x5a1e);
  const db = database.db;
  const tenant = { slug: await demoRepo.findTenantSlug(db, tenantId) };
  const medecin = await demoRepo.findFirstMedecin(db, tenantId);
  if (!medecin) return;
  const demoWorker = await demoRepo.findFirstWorkerAccount(db, tenantId);

  const open = await demoRepo.findDossiersInStates(db, tenantId, OPEN_STATES);
  const dossierOf = new Map(open.map((d) => [d.worker_id, d.id]));
  const all = await demoRepo.findAllWorkerIds(db, tenantId);
  const followed = all.filter((w) => dossierOf.has(w.id) && w.id !== demoWorker?.worker_id).slice(0, WAI_WORKERS / 2);
  const others = all.filter((w) => !dossierOf.has(w.id) && w.id !== demoWorker?.worker_id).slice(0, WAI_WORKERS - followed.length + SHORT_FORMS);

  const rows: Insertable<QuestionnaireResponseTable>[] = [];
  const base = (at: Date) => ({ tenant_id: tenantId, version: 1, status: 'complete', started_at: new Date(at.getTime() - 15 * 60_000), completed_at: at, updated_at: at });
  const waiWorkers = [...followed, ...others.slice(0, WAI_WORKERS - followed.length)];
  for (const w of waiWorkers) {
    const atRisk = dossierOf.has(w.id);
    const h = clamp((atRisk ? 0.42 : 0.74) + normal(rng) * 0.16, 0, 1);
    const byPro = rng.chance(0.3);
    const at = new Date(now.getTime() - rng.int(3, atRisk ? 120 : 700) * DAY);
    rows.push({
      ...base(at),
      questionnaire: 'wai',
      worker_id: w.id,
      company_id: null,
      dossier_id: atRisk ? dossierOf.get(w.id)! : null,
      respondent: byPro ? 'professionnel' : 'salarie',
      entered_by: byPro ? medecin.id : null,
      ...completed(WAI_V1, waiAnswers(rng, h)),
    });
  }
  for (const w of others.slice(WAI_WORKERS - followed.length)) {
    const h = clamp(0.6 + normal(rng) * 0.2, 0, 1);
    const at = new Date(now.getTime() - rng.int(3, 300) * DAY);
    const outlook = h > 0.6 ? 7 : h > 0.35 ? 4 : 1;
    rows.push({ ...base(at), questionnaire: 'wai_court', worker_id: w.id, company_id: null, dossier_id: null, respondent: 'salarie', entered_by: null, ...completed(WAI_COURT_V1, { capacity: level(rng, h, 0, 10, 1), outlook }) });
  }
  const companies = await demoRepo.findCompanyIds(db, tenantId, COMPANIES);
  for (const c of companies) {
    const r = clamp(0.45 + normal(rng) * 0.18, 0.05, 0.95);
    const answers = Object.fromEntries(EMPLOYEUR_V1.items.map((i) => [i.id, level(rng, r, 0, 3)]));
    const at = new Date(now.getTime() - rng.int(10, 400) * DAY);
    rows.push({ ...base(at), questionnaire: 'employeur', worker_id: null, company_id: c.id, dossier_id: null, respondent: 'employeur', entered_by: null, ...completed(EMPLOYEUR_V1, answers) });
  }

  await inTenant(db, tenantId, async (trx) => {
    await demoRepo.insertRows(trx, 'questionnaire_response', rows, { batch: 100 });
    if (demoWorker?.worker_id) {
      await demoRepo.insertRows(trx, 'questionnaire_link', [{
          tenant_id: tenantId,
          token_hash: sha256(demoLinkToken(tenant.slug)),
          questionnaire: 'wai',
          worker_id: demoWorker.worker_id,
          dossier_id: dossierOf.get(demoWorker.worker_id) ?? null,
          organisation_id: medecin.organisation_id,
          created_by: medecin.id,
          created_by_name: medecin.display_name,
          created_at: new Date(now.getTime() - DAY),
          expires_at: linkExpiry(new Date(now.getTime() - DAY), LINK_DEFAULT_DAYS),
        }]);
    }
  });
}
