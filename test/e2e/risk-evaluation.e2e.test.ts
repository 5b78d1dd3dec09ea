/**
 * « Évaluation de l'indice » in a real browser: a médecin evaluates a synthetic cohort (AUC
 * table, report frame, downloads), then the service's own cases (« Dossiers du service », with
 * the counts of workers retained and left out, and the French refusal of too small a period); an
 * employer cannot reach the page. One login per role; axe-core on the page with its results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/parcours/exit';
import { HEALTH_FEATURE_NAMES } from '../../src/domain/risk/health-model';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;

/** A few cases of the demo service closed in 2019 with their 12-month follow-up and an index signed before the exit. */
async function seedServiceCases() {
  const db = e.database.db;
  const tenantId = (await db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  const dossiers = await db.selectFrom('dossier').select(['id', 'worker_id']).where('tenant_id', '=', tenantId).orderBy('reference').execute();
  const one = dossiers.filter((d, i) => dossiers.findIndex((x) => x.worker_id === d.worker_id) === i).slice(0, 13);
  const outcomes = ['invalidite', 'inaptitude_sans_dispense', 'demandeur_emploi', 'inaptitude_avec_dispense', 'invalidite', 'demandeur_emploi', 'maintien_poste', 'poste_amenage', 'reclassement_interne', 'maintien_poste', 'reconversion', 'poste_amenage', 'retraite'];
  for (const [i, d] of one.entries()) {
    const event = i < 6;
    const exitedAt = `2019-0${1 + (i % 9)}-12`;
    await db
      .insertInto('dossier_exit')
      .values({ tenant_id: tenantId, dossier_id: d.id, worker_id: d.worker_id, outcome: outcomes[i], exited_at: exitedAt, follow_up_12m_outcome: outcomes[i], follow_up_12m_at: addMonths(exitedAt, 12) })
      .execute();
    const features = Object.fromEntries(HEALTH_FEATURE_NAMES.map((n) => [n, n === 'cim_f' ? Number(event && i !== 0) : n === 'cim_m' ? Number(i % 3 === 0) : 0]));
    await db
      .insertInto('risk_assessment')
      .values({
        tenant_id: tenantId,
        worker_id: d.worker_id,
        dossier_id: d.id,
        algorithm_id: 'maintien-irdp',
        algorithm_version: '1.0.0',
        inputs: JSON.stringify({ asOf: '2018-12-01', features, questionnaire: { questionnaire: 'wai', score: event ? 24 : 40 }, employer: null }),
        sub_scores: '[]',
        suggested_level: event ? 2 : 1,
        final_level: event ? 2 : 1,
        inaptitude_risk_level: 0,
        author_name: 'Dr Test',
        signed_at: new Date('2018-12-01T10:00:00Z'),
      })
      .execute();
  }
}

beforeAll(async () => {
  e = await startE2E();
  await seedServiceCases();
}, 120_000);
afterAll(() => e?.close());

describe("« Évaluation de l'indice »", () => {
  it('a médecin evaluates a synthetic cohort, then the service’s own cases', { timeout: 120_000 }, async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.getByRole('link', { name: "Évaluation de l'indice" }).first().click();
    await page.getByRole('heading', { level: 1, name: "Évaluation de l'indice" }).waitFor();

    // A synthetic cohort: generated, evaluated, AUC rows, report frame, downloads.
    await page.getByLabel('Nombre de salariés').fill('400');
    await page.getByRole('button', { name: 'Générer et évaluer' }).click();
    await page.getByRole('heading', { name: 'Résultats — « cohorte-synthetique-400-graine-1.csv »' }).waitFor({ timeout: 60_000 });
    const aucTable = page.getByRole('table').filter({ hasText: 'Aire sous la courbe ROC' });
    for (const component of ['Composante 1 — dossier de santé', 'Composante 2 — auto-questionnaire (WAI)', "Composante 3 — évaluation par l'employeur", 'Indice combiné']) {
      await aucTable.getByRole('row', { name: component }).getByText(/^0,\d{3} \(0,\d{3} – [01],\d{3}\)$/).waitFor();
    }
    const frame = page.frameLocator('iframe[title="Rapport d\'évaluation de l\'indice"]');
    await frame.locator('svg').first().waitFor();
    await page.getByRole('button', { name: 'Télécharger la cohorte' }).waitFor();
    await page.getByRole('button', { name: 'Résultats (JSON)' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le rapport (HTML)' }).click()]);
    expect(download.suggestedFilename()).toBe('evaluation-cohorte-synthetique-400-graine-1.html');
    expect(await axeViolations(page)).toEqual([]);

    // The service's own cases: the counts, then the results of the same evaluator.
    await page.getByRole('button', { name: 'Évaluer sur les dossiers du service' }).click();
    await page.getByRole('heading', { name: /^Résultats — « dossiers-du-service »$/ }).waitFor({ timeout: 30_000 });
    const counts = page.getByRole('table', { name: 'Salariés retenus et écartés' });
    expect(await counts.getByRole('row', { name: /Retenus dans la cohorte/ }).getByRole('cell').textContent()).toBe('12');
    expect(await counts.getByRole('row', { name: /Retraite/ }).getByRole('cell').textContent()).toBe('1');
    expect(await page.getByRole('status').filter({ hasText: 'retenus' }).textContent()).toMatch(/^12 salariés retenus, dont 6 désinsertions à 12 mois/);
    await aucTable.getByRole('row', { name: /Niveau final signé/ }).getByText('1,000 (1,000 – 1,000)').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A period without cases: a French refusal with the counts, never a crash.
    await page.getByLabel('Sorties à partir du').fill('01/01/2018');
    await page.getByLabel("Sorties jusqu'au").fill('31/12/2018');
    await page.getByLabel("Sorties jusqu'au").press('Tab');
    await page.getByRole('button', { name: 'Évaluer sur les dossiers du service' }).click();
    await page.getByRole('alert').filter({ hasText: 'Trop peu de dossiers du service' }).waitFor();
    expect(await page.getByRole('table', { name: 'Salariés retenus et écartés' }).getByRole('row', { name: /Retenus dans la cohorte/ }).getByRole('cell').textContent()).toBe('0');
    await page.context().close();
  });

  it('an employer cannot reach the page', async () => {
    const page = await newPage(e);
    await loginAs(page, 'employeur');
    expect(await page.getByRole('link', { name: "Évaluation de l'indice" }).count()).toBe(0);
    await page.goto('/risque/evaluation');
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(await page.getByRole('button', { name: 'Générer et évaluer' }).count()).toBe(0);
    await page.context().close();
  });
});
