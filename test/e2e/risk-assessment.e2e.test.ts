/**
 * The risk index in a real browser: the médecin du travail reads the suggestion on the worker
 * page (« modèle non validé »), fills the health profile, signs a different level with a
 * justification; the cell sees the level on the case page and accepts the pyramide suggestion.
 * « Repérage par l'indice » lists the high suggested levels after a recalcul. Pages are checked with axe-core.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_OUTLOOK_ALARM } from '../../src/domain/risk/questionnaires/wai-court';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
let workerId = '';
let dossierId = '';
beforeAll(async () => {
  e = await startE2E();
  const d = await e.database.db.selectFrom('dossier').select(['id', 'worker_id']).where('state', 'in', ['a_evaluer', 'en_accompagnement']).orderBy('reference').executeTakeFirstOrThrow();
  dossierId = d.id;
  workerId = d.worker_id;
});
afterAll(() => e?.close());

describe('risk index', () => {
  it('the médecin signs a level on the worker page, the cell accepts the orientation on the case page', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto(`${e.baseUrl}/salaries/${workerId}`);
    await page.getByRole('heading', { name: 'Indice de risque de désinsertion professionnelle' }).waitFor();
    await page.getByText('Dossier de santé : modèle non validé', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Catégorie socio-professionnelle').selectOption('ouvrier');
    await page.getByRole('checkbox', { name: /Chapitre M/ }).check();
    await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await page.getByText('Profil enregistré').waitFor();
    await page.getByText(/Affection ostéo-articulaire \(CIM chapitre M\) : \+0,9/).waitFor();

    await page.getByRole('radio', { name: '3 — Risque élevé' }).check();
    await page.getByLabel('Risque d’inaptitude').selectOption('3');
    await page.getByRole('button', { name: 'Signer' }).click();
    // The justification is required when the level differs from the suggestion (unless it was 3).
    const suggested3 = await page.getByText('Niveau retenu : 3').count();
    if (suggested3 === 0 && (await page.getByText('Niveau signé.').count()) === 0) {
      await page.getByLabel(/Justification/).fill('Restrictions durables, reprise au poste compromise.');
      await page.getByRole('button', { name: 'Signer' }).click();
    }
    await page.getByText('Niveau signé.').waitFor();
    await page.getByRole('heading', { name: 'Historique des niveaux signés' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();

    const cell = await newPage(e);
    await loginAs(cell, 'social');
    await cell.goto(`${e.baseUrl}/dossiers/${dossierId}`);
    await cell.getByRole('heading', { name: 'Indice de risque et orientation' }).waitFor();
    await cell.getByText('Niveau 3 — Risque élevé').first().waitFor();
    expect(await axeViolations(cell)).toEqual([]);
    await cell.getByRole('button', { name: /^Accepter : T4/ }).click();
    await cell.getByText(/pyramide des fragilités\) : T4/).waitFor();
    await cell.getByRole('button', { name: /^Refuser : Service social/ }).click();
    await cell.getByLabel(/Motif du refus/).fill('Le salarié refuse l’accompagnement du service social.');
    await cell.getByRole('button', { name: 'Confirmer le refus' }).click();
    await cell.getByText(/refusée par/).waitFor();
    expect(await axeViolations(cell)).toEqual([]);
    await cell.context().close();
  });

  it('« Repérage par l’indice »: empty before any run, « Recalculer » fills it, a row opens the worker page', async () => {
    // Two workers never assessed answered the short WAI with both alarms: suggested level ≥ 2.
    const db = e.database.db;
    const subjects = await sql<{ id: string; tenant_id: string }>`select w.id, w.tenant_id from worker w
      where not exists (select 1 from risk_assessment a where a.worker_id = w.id) order by w.id limit 2`.execute(db);
    for (const w of subjects.rows) {
      await sql`insert into questionnaire_response (tenant_id, questionnaire, version, worker_id, respondent, status, answers, score, category, started_at, completed_at, updated_at)
        values (${w.tenant_id}, 'wai_court', 1, ${w.id}, 'salarie', 'complete', ${JSON.stringify({ outlook: SHORT_OUTLOOK_ALARM })}::jsonb, 2, null, now(), now(), now())`.execute(db);
    }
    const page = await newPage(e);
    await loginAs(page, 'infirmier');
    await page.goto(`${e.baseUrl}/risque/reperage`);
    await page.getByRole('heading', { name: "Repérage par l'indice" }).waitFor();
    await page.getByText('Aucun niveau suggéré pour le moment').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Recalculer' }).click();
    await page.getByText(/^Calcul terminé/).waitFor();
    await page.getByText('modèle non validé', { exact: true }).waitFor();
    const row = page.locator('tbody tr').first();
    await row.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await row.locator('td').nth(1).click();
    await page.waitForURL(/\/salaries\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Indice de risque de désinsertion professionnelle' }).waitFor();
    await page.context().close();
  });
});
