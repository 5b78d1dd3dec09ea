/**
 * The foundation in a real browser: a médecin du travail logs in, opens a dossier and adds a
 * medical note; the employer of that worker then finds the note nowhere — neither on his pages
 * nor through the API with his own session. Pages are checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const MEDICAL_NOTE = `Lombalgie chronique, contre-indication au port de charges — note e2e ${Date.now()}`;
let dossierUrl = '';
let workerName = '';

describe('médecin du travail', () => {
  it('logs in and lands on « Mes dossiers »', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await expect.poll(() => page.url()).toContain('/dossiers');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('opens a dossier for a worker of the demo employer and adds a medical note', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();

    // A worker of the demo employer's company with no open dossier.
    const db = e.database.db;
    const rows = await db
      .selectFrom('employment as em')
      .innerJoin('company as c', (j) => j.onRef('c.id', '=', 'em.company_id'))
      .innerJoin('worker as w', (j) => j.onRef('w.id', '=', 'em.worker_id'))
      .select(['w.id', 'w.birth_name', 'w.usage_name', 'w.first_names'])
      .where('c.name', '=', 'EHPAD Les Tilleuls')
      .where('em.end_date', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'w.id').where('d.state', 'in', ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']))),
      )
      .orderBy('w.birth_name')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    const chosen = rows.find((r) => r.usage_name === null) ?? rows[0];
    workerName = `${chosen.birth_name.toUpperCase()} ${chosen.first_names.split(' ')[0]}`;

    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await page.getByLabel('Rechercher un salarié').fill(workerName);
    await page.screenshot({ path: 'test-results/e2e-search.png' }).catch(() => undefined);
    await page.getByRole('button', { name: `Choisir ${workerName}` }).first().click();
    await page.getByLabel('Origine').selectOption('equipe');
    await page.getByLabel('Motif').fill('Difficultés au poste signalées lors de la visite périodique.');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByRole('heading', { name: /^Dossier PDP-/ }).waitFor();
    dossierUrl = new URL(page.url()).pathname;

    await page.getByLabel('Catégorie').selectOption('medical');
    await page.getByLabel('Texte').fill(MEDICAL_NOTE);
    await page.getByRole('button', { name: 'Enregistrer la note' }).click();
    await page.getByText('Note enregistrée.').waitFor();
    await page.getByText(MEDICAL_NOTE).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('changes the dossier state through the confirmation dialog', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    await page.goto(dossierUrl);
    await page.getByRole('button', { name: 'Passer en évaluation' }).click();
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(async () => (await page.textContent('main')) ?? '').toContain('À évaluer');
    await page.context().close();
  });
});

describe('employer of that worker', () => {
  it('finds the medical note nowhere: not on his pages, not through the API', async () => {
    expect(dossierUrl).not.toBe('');
    const page = await newPage(e);
    await loginAs(page, 'employeur');
    await expect.poll(() => page.url()).toContain('/employeur');
    await page.getByRole('heading').first().waitFor();
    const body = (await page.textContent('body')) ?? '';
    // He is this worker's employer: the worker is listed in his space.
    expect(body).toContain(workerName);
    expect(body).not.toContain(MEDICAL_NOTE);
    expect(body).not.toContain('Lombalgie');
    expect(await axeViolations(page)).toEqual([]);

    // The dossier page itself is not reachable.
    await page.goto(dossierUrl);
    await page.waitForLoadState('networkidle');
    expect((await page.textContent('body')) ?? '').not.toContain(MEDICAL_NOTE);

    // Nor any API answer, with the employer's own session.
    const answers = await page.evaluate(async (dossierId) => {
      const urls = ['/api/v1/employer/space', `/api/v1/dossiers/${dossierId}`, '/api/v1/dossiers?scope=service', '/api/v1/workers?q=', '/api/v1/me/carnet', '/api/v1/partner/dossiers'];
      return Promise.all(urls.map(async (u) => {
        const r = await fetch(u);
        return { u, status: r.status, text: await r.text() };
      }));
    }, dossierUrl.split('/').pop());
    for (const a of answers) expect(a.text, a.u).not.toContain(MEDICAL_NOTE);
    expect(answers.find((a) => a.u.startsWith('/api/v1/dossiers/'))!.status).toBe(404);
    expect(answers.find((a) => a.u === '/api/v1/employer/space')!.status).toBe(200);
    await page.context().close();
  });
});

describe('other points of view', () => {
  it('the assistant sees the dossier without the medical note', async () => {
    const page = await newPage(e);
    await loginAs(page, 'assistant');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    await page.goto(dossierUrl);
    await page.getByRole('heading', { name: /^Dossier PDP-/ }).waitFor();
    expect((await page.textContent('body')) ?? '').not.toContain(MEDICAL_NOTE);
    await expect(page.getByLabel('Catégorie').locator('option[value="medical"]').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the worker reads « Mon carnet » on a phone', async () => {
    const page = await newPage(e, { mobile: true });
    await loginAs(page, 'salarie');
    await expect.poll(() => page.url()).toContain('/carnet');
    await page.getByRole('heading').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('the administrator verifies the audit chain', async () => {
    const page = await newPage(e);
    await loginAs(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: "Journal d'audit" }).click();
    await page.getByRole('button', { name: "Vérifier l'intégrité" }).click();
    await expect.poll(async () => (await page.textContent('main')) ?? '').toMatch(/intègre|intacte|aucune anomalie/i);
    await page.context().close();
  });
});
