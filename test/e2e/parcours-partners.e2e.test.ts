/**
 * Consent in a real browser (docs/parcours-partners.md): the worker, on his phone, lets Cap emploi
 * see his parcours; the Cap emploi agent opens the shared case and writes to the cell; the worker
 * withdraws his consent and the agent's next read is refused at once. The cell refers the case
 * from the case page. Pages are checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail, newPage, startE2E, type E2E, injectAxe } from './support';


let e: E2E;
let dossier: { id: string; reference: string };
const CAP = 'Cap emploi Nord';

beforeAll(async () => {
  e = await startE2E();
  const db = e.database.db;
  const worker = await db.selectFrom('app_user').select('worker_id').where('email', '=', demoEmail('salarie')).executeTakeFirstOrThrow();
  dossier = await db.selectFrom('dossier').select(['id', 'reference']).where('worker_id', '=', worker.worker_id!).orderBy('opened_at', 'desc').executeTakeFirstOrThrow();
  const cap = await db.selectFrom('organisation').select('id').where('name', '=', CAP).executeTakeFirstOrThrow();
  // Start from a worker who never shared his dossier with Cap emploi.
  await db.deleteFrom('consent').where('worker_id', '=', worker.worker_id!).where('recipient_organisation_id', '=', cap.id).execute();
});
afterAll(() => e?.close());

async function loginAs(page: Page, local: string) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(demoEmail(local));
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

async function axeViolations(page: Page) {
  await injectAxe(page);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result as string[];
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('consent: grant → partner reads → withdraw → partner refused', () => {
  let worker: Page;
  let partner: Page;

  it('the worker lets Cap emploi see his parcours, from his phone', async () => {
    worker = await newPage(e, { mobile: true });
    await loginAs(worker, 'salarie');
    await worker.goto('/carnet');
    await worker.getByRole('heading', { name: 'Qui peut voir mon parcours' }).waitFor();
    expect(await axeViolations(worker)).toEqual([]);
    expect(await noHorizontalScroll(worker)).toBe(true);
    await worker.getByRole('button', { name: `Autoriser l’accès de ${CAP}` }).click();
    const dialog = worker.getByRole('dialog');
    await dialog.getByText('Le partenaire voit les éléments non médicaux').waitFor();
    // axe measures contrast on what is painted: wait until the dialog has faded in completely.
    await worker.waitForFunction(() => {
      for (let el = document.querySelector('[role="dialog"]'); el; el = el.parentElement) {
        if (getComputedStyle(el).opacity !== '1' || getComputedStyle(el).transform.startsWith('matrix(0')) return false;
      }
      return document.querySelector('[role="dialog"]') !== null;
    });
    expect(await axeViolations(worker)).toEqual([]);
    await dialog.getByRole('button', { name: 'Oui, j’autorise' }).click();
    await worker.getByRole('button', { name: `Retirer l’accès de ${CAP}` }).waitFor();
    await worker.getByText(/Accès autorisé depuis le/).first().waitFor();
  });

  it('the Cap emploi agent finds the shared case, reads it and writes to the cell', async () => {
    partner = await newPage(e);
    await loginAs(partner, 'cap-emploi');
    await partner.goto('/partenaire');
    await partner.getByRole('link', { name: dossier.reference }).click();
    await partner.getByRole('heading', { name: `Dossier ${dossier.reference}` }).waitFor();
    await partner.getByRole('heading', { name: 'Parcours partagé' }).waitFor();
    await partner.getByText('Consentement donné').first().waitFor();
    expect(await axeViolations(partner)).toEqual([]);
    await partner.getByLabel('Nouveau message').fill('Bonjour, nous pouvons recevoir la salariée la semaine prochaine.');
    await partner.getByRole('button', { name: 'Envoyer' }).click();
    await partner.getByText('Bonjour, nous pouvons recevoir la salariée la semaine prochaine.').waitFor();
  });

  it('the worker withdraws; the agent’s next read is refused at once', async () => {
    await worker.getByRole('button', { name: `Retirer l’accès de ${CAP}` }).click();
    await worker.getByRole('dialog').getByRole('button', { name: 'Oui, retirer l’accès' }).click();
    await worker.getByRole('button', { name: `Autoriser l’accès de ${CAP}` }).waitFor();
    await worker.getByRole('heading', { name: 'Accords retirés' }).waitFor();
    expect(await noHorizontalScroll(worker)).toBe(true);

    await partner.reload();
    await partner.getByRole('alert').getByText('son consentement a été retiré').waitFor();
    await partner.getByRole('heading', { name: 'Accès retiré' }).or(partner.getByText('Accès retiré')).first().waitFor();
    expect(await partner.getByRole('heading', { name: 'Parcours partagé' }).count()).toBe(0);
    await partner.goto('/partenaire');
    await partner.getByRole('heading', { name: 'Dossiers partagés' }).waitFor();
    expect(await partner.getByRole('link', { name: dossier.reference }).count()).toBe(0);
    await worker.context().close();
    await partner.context().close();
  });
});

describe('cell: referring the case from the case page', () => {
  it('the chargée de mission refers the worker to the CPAM (consent current) and reads the partner thread', async () => {
    const page = await newPage(e);
    await loginAs(page, 'charge-mission');
    await page.goto(`/dossiers/${dossier.id}`);
    const section = page.getByRole('region', { name: 'Partenaires' });
    await section.waitFor();
    // Cap emploi wrote before the withdrawal: its thread is still listed, flagged.
    await section.getByRole('button', { name: /Cap emploi Nord/ }).click();
    await section.getByText('Bonjour, nous pouvons recevoir la salariée la semaine prochaine.').waitFor();
    const form = page.getByRole('form', { name: 'Adresser à un partenaire' });
    await form.getByLabel('Organisme').selectOption({ label: 'CPAM du Nord (démo)' });
    await form.getByLabel('Stade du parcours').selectOption('licenciement');
    await form.getByText('signalé comme tardif').waitFor();
    await form.getByLabel(/^Motif/).fill('Information sur les indemnités et la reprise à temps partiel');
    await form.getByRole('button', { name: 'Adresser' }).click();
    await section.getByText('Adressage — CPAM du Nord (démo)').waitFor();
    await section.getByText('Tardif').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
