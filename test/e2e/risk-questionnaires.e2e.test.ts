/**
 * Questionnaires in a real browser: the médecin sends a personal link from the worker page, the
 * worker answers it on a phone-sized screen without an account (an unanswered question is flagged
 * next to it), the employer answers the company questionnaire, and the médecin sees the score.
 * Pages are checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail, newPage, startE2E, type E2E, injectAxe } from './support';


let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

async function loginAs(page: Page, local: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(demoEmail(local));
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
  await page.getByRole('navigation').first().waitFor();
}

/** axe-core on the page, or only on `scope` (a CSS selector) where other parts' sections share the page. */
async function axeViolations(page: Page, scope?: string) {
  await injectAxe(page);
  const result = await page.evaluate(async (scope) => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(scope ? { include: [scope] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: { id: string; nodes: { target: string[]; html: string }[] }) => `${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
  }, scope);
  return result as string[];
}

/** The questionnaires section of the worker page (other parts' sections are tested by their owners). */
const SECTION = 'section[aria-labelledby^="titre-questionnaires-"]';

async function demoWorkerId() {
  const u = await e.database.db.selectFrom('app_user').select('worker_id').where('email', '=', demoEmail('salarie')).executeTakeFirstOrThrow();
  return u.worker_id!;
}

describe('questionnaires', () => {
  let url = '';

  it('the médecin sends a personal link from the worker page', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto(`/salaries/${await demoWorkerId()}`);
    await page.getByRole('heading', { name: 'Questionnaires de capacité de travail' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer un lien au salarié' }).click();
    await page.getByLabel('Questionnaire à envoyer').selectOption('wai_court');
    await page.getByRole('button', { name: 'Créer le lien' }).click();
    const field = page.getByLabel('Lien personnel à transmettre au salarié');
    await field.waitFor();
    url = await field.inputValue();
    expect(url).toMatch(/\/questionnaire\/[A-Za-z0-9_-]{43}$/);
    await page.getByText('En attente de réponse').first().waitFor();
    expect(await axeViolations(page, SECTION)).toEqual([]);
    await page.context().close();
  });

  it('the worker answers it on his phone, without an account', async () => {
    const page = await newPage(e, { mobile: true });
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Capacité de travail : questionnaire court' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: '3', exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer et reprendre plus tard' }).click();
    await page.getByText('Réponses enregistrées').waitFor();
    // Completing without the second answer: the question is flagged where it is.
    await page.getByRole('button', { name: 'Terminer et envoyer' }).click();
    await page.getByText('Répondez à cette question.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Je n’en suis pas sûr(e)' }).check();
    await page.getByRole('button', { name: 'Terminer et envoyer' }).click();
    await page.getByText('Merci !').waitFor();
    // The link is closed: opening it again only thanks.
    await page.reload();
    await page.getByText('Vos réponses ont bien été transmises').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await page.context().close();
  });

  it('the employer answers the questionnaire about his company', async () => {
    const page = await newPage(e);
    await loginAs(page, 'employeur');
    await page.goto('/employeur');
    await page.getByRole('heading', { name: 'Questionnaire : risque de désinsertion dans l’entreprise' }).waitFor();
    await page.getByRole('button', { name: 'Remplir le questionnaire' }).click();
    const second = page.locator('form input[type=radio][value="1"]');
    await second.first().waitFor();
    const n = await second.count();
    expect(n).toBeGreaterThanOrEqual(18);
    // One click per question, in the page (the same events as a user's clicks).
    await page.evaluate(() => document.querySelectorAll<HTMLInputElement>('form input[type=radio][value="1"]').forEach((r) => r.click()));
    expect(await page.locator('form input[type=radio][value="1"]:checked').count()).toBe(n);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Terminer et envoyer' }).click();
    await page.getByText('Merci : le questionnaire est complété').waitFor();
    await page.getByText('33 / 100').waitFor();
    await page.getByText('Risque modéré').waitFor();
    expect(await axeViolations(page, 'section[aria-labelledby="titre-questionnaire-employeur"]')).toEqual([]);
    await page.context().close();
  });

  it('the médecin sees the worker’s score with its alarm', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto(`/salaries/${await demoWorkerId()}`);
    await page.getByRole('heading', { name: 'Questionnaires de capacité de travail' }).waitFor();
    await page.getByText('3 / 10').first().waitFor();
    await page.getByText('Capacité de travail actuelle de 3 sur 10 (alerte à 4 ou moins).').waitFor();
    await page.getByText('Complété').first().waitFor();
    expect(await axeViolations(page, SECTION)).toEqual([]);
    await page.context().close();
  });
});
