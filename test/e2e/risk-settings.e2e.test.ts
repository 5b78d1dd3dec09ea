/**
 * The risk settings in a real browser (risk.configure): « Modèle de l'indice » — the model in use
 * with its odds ratios, installing a model file (a bad one refused in French), going back to the
 * default with a confirmation — and « Aide à l'orientation » edited as a form, with the API's
 * errors next to the field concerned. Pages are checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const MODEL = {
  id: 'mon-service',
  version: '2026.1',
  label: 'Modèle du service — essai',
  validated: true,
  source: 'Calibré sur la cohorte du service.',
  intercept: -2.5,
  coefficients: { cim_m: 0.7, arret_180j_plus: 1.0 },
  thresholds: [0.1, 0.25, 0.5],
  calibratedOn: { cohort: 'cohorte-2025.csv', n: 5000, events: 700, at: '2026-01-15' },
};
const file = (name: string, json: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)) });

describe('risk settings', () => {
  it('« Modèle de l’indice »: the default model, install a file, a bad file refused, back to the default', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.getByRole('link', { name: 'Modèle de l’indice' }).or(page.getByRole('link', { name: "Modèle de l'indice" })).first().click();
    await page.getByRole('heading', { name: "Modèle de l'indice", level: 1 }).waitFor();
    await page.getByText('modèle non validé', { exact: true }).first().waitFor();
    await page.getByRole('rowheader', { name: 'Arrêt de 180 jours ou plus' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const input = page.locator('input[type="file"]');
    await input.setInputFiles(file('mauvais.json', { ...MODEL, coefficients: { pointure: 1 } }));
    await page.getByRole('button', { name: 'Installer ce modèle' }).click();
    await page.getByText(/Variable inconnue dans le modèle : « pointure »/).waitFor();

    await input.setInputFiles(file('mon-service.json', MODEL));
    await page.getByRole('button', { name: 'Installer ce modèle' }).click();
    await page.getByText('Modèle installé : mon-service 2026.1', { exact: false }).waitFor();
    await page.getByText('modèle validé', { exact: true }).waitFor();
    await page.getByText(/Calibré le 15\/01\/2026 sur la cohorte « cohorte-2025.csv »/).waitFor();
    expect(await page.getByRole('row').count()).toBe(3); // header + the two coefficients

    await page.getByRole('button', { name: 'Revenir au modèle par défaut' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revenir au modèle par défaut' }).click();
    await page.getByText('Le service utilise de nouveau le modèle par défaut de Maintien.').waitFor();
    await page.getByText('modèle par défaut', { exact: true }).waitFor();
  });

  it('« Aide à l’orientation » is a form: inline errors from the API, add a rule, save, back to the defaults', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto('/orientation/configuration');
    await page.getByRole('heading', { name: 'Aide à l’orientation', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A new rule without label nor professional: the API's errors appear on that rule.
    await page.getByRole('button', { name: 'Ajouter une règle', exact: true }).click();
    const rules = page.getByRole('group', { name: /^Règle \d+$/ });
    const n = await rules.count();
    const added = rules.nth(n - 1);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await added.getByText(/libellé obligatoire/).waitFor();
    await added.getByText(/au moins un intervenant connu/).waitFor();

    await added.getByLabel('Libellé (motif affiché sur le dossier)').fill('Alerte du questionnaire : psychologue');
    await added.getByLabel('Alerte de l’auto-questionnaire').selectOption('oui');
    await added.getByRole('checkbox', { name: 'Psychologue du travail' }).check();
    // The new rule goes first.
    for (let i = 0; i < n - 1; i++) await page.getByRole('button', { name: `Monter la règle ${n - i}`, exact: true }).click();
    await page.getByLabel('Chef de file du niveau T2').selectOption('service_social_am');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Configuration enregistrée.').waitFor();

    const saved = (await e.database.db.selectFrom('tenant_setting').select('value').where('key', '=', 'risk_orientation').executeTakeFirstOrThrow()).value as {
      rules: { label: string; when: object; involve: string[] }[];
      chefDeFile: Record<string, string>;
    };
    expect(saved.rules[0]).toMatchObject({ label: 'Alerte du questionnaire : psychologue', when: { minFinalLevel: 1, questionnaireAlarm: true }, involve: ['psychologue'] });
    expect(saved.chefDeFile.T2).toBe('service_social_am');

    await page.reload();
    await expect(page.getByLabel('Chef de file du niveau T2').inputValue()).resolves.toBe('service_social_am');
    await page.getByRole('button', { name: 'Revenir aux valeurs par défaut' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revenir aux valeurs par défaut' }).click();
    await page.getByText('Valeurs par défaut rétablies.').waitFor();
    await page.getByText('Configuration par défaut de Maintien.').waitFor();
    await expect(page.getByLabel('Chef de file du niveau T2').inputValue()).resolves.toBe('cellule_pdp');
  });
});
