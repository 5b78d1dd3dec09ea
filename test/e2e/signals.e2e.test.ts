/**
 * The signals channel in a real browser: the employer declares an arrêt, the médecin conseil
 * files a fiche de liaison, the cell finds both in « Signalements », answers the fiche from the
 * dossier, and the worker asks the cell for help on his phone. Pages are checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, loginAs, newPage, openFromTriage, startE2E, type E2E } from './support';

let e: E2E;
/** The worker of the fiche de liaison. */
let ficheWorkerId = '';
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const fr = (d: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);
const OPEN = ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi'];

describe('signals channel', () => {
  it('the employer declares an arrêt of more than 30 days and sees its status', async () => {
    const page = await newPage(e);
    await loginAs(page, 'employeur');
    await page.getByRole('link', { name: 'Mes déclarations' }).click();
    await page.getByRole('heading', { name: 'Mes déclarations' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Déclarer un arrêt de plus de 30 jours' }).click();
    await page.getByRole('heading', { name: 'Déclarer un arrêt de plus de 30 jours' }).waitFor();

    const select = page.getByRole('combobox', { name: /^Salarié/ });
    await expect.poll(async () => (await select.locator('option').count()) > 1).toBe(true);
    const option = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(option!);
    await page.getByLabel("Début de l'arrêt").fill(fr(daysFromNow(-3)));
    await page.getByLabel("Fin prévue de l'arrêt").fill(fr(daysFromNow(45)));
    await page.getByLabel("Nature de l'arrêt").selectOption('maladie');
    await page.getByLabel("Le salarié a été informé de la possibilité d'une visite de pré-reprise").check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Déclarer l’arrêt' }).click();
    await page.getByText('Déclaration enregistrée').waitFor();

    await page.getByRole('link', { name: '← Mes déclarations' }).click();
    await page.getByRole('heading', { name: 'Mes déclarations' }).waitFor();
    // « Reçue », or « Prise en charge » when the worker already had a dossier under way.
    await page.getByText(/^(Reçue|Prise en charge par la cellule)$/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the médecin conseil files a fiche de liaison', async () => {
    const w = await e.database.db
      .selectFrom('worker as w')
      .select(['w.id', 'w.nir', 'w.birth_name', 'w.first_names', 'w.birth_date'])
      .where('w.nir', 'is not', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'w.id').where('d.state', 'in', OPEN))))
      .orderBy('w.birth_name')
      .executeTakeFirstOrThrow();
    ficheWorkerId = w.id;
    const page = await newPage(e);
    await loginAs(page, 'service-medical');
    await page.getByRole('link', { name: 'Fiches de liaison' }).click();
    await page.getByRole('heading', { name: 'Fiches de liaison' }).waitFor();
    await page.getByRole('link', { name: 'Nouvelle fiche de liaison' }).click();
    await page.getByLabel('NIR du salarié').fill(w.nir!);
    await page.getByLabel('Nom de naissance').fill(w.birth_name);
    await page.getByLabel('Prénom(s)').fill(w.first_names);
    await page.getByLabel('Date de naissance').fill(`${w.birth_date.slice(8, 10)}/${w.birth_date.slice(5, 7)}/${w.birth_date.slice(0, 4)}`);
    await page.getByLabel("Motif de l'orientation").fill('Arrêt long, reprise au poste incertaine (test e2e).');
    await page.getByLabel('Pour vous répondre').fill('elsm-e2e@exemple.test');
    await page.getByLabel('Le salarié a donné son accord à la transmission de cette fiche à la cellule').check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Transmettre la fiche' }).click();
    await page.getByText('Fiche transmise').waitFor();
    await page.context().close();
  });

  it('the cell finds the signals and answers the fiche from the dossier', async () => {
    // The fiche waits « À qualifier » (issue 14): the cell opens the worker's dossier first.
    await openFromTriage(e, ficheWorkerId);
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    // The navigation badge: the fiche filed above waits for an answer.
    const badge = page.getByTestId('badge-/signaux');
    await expect.poll(() => badge.textContent()).toBe('1');
    await page.getByRole('link', { name: 'Signalements (1 à traiter)' }).waitFor();
    await page.getByRole('link', { name: 'Signalements' }).click();
    await page.getByRole('heading', { name: 'Signalements reçus' }).waitFor();
    await page.getByLabel('Source').selectOption('employeur');
    await expect.poll(() => page.url()).toContain('source=employeur');
    await page.getByRole('cell', { name: "Déclaration d'arrêt par l'employeur" }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: /Fiches de liaison sans réponse/ }).click();
    await page.getByText('(test e2e)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('row', { name: /\(test e2e\)/ }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Signalements' }).waitFor();
    await page.getByLabel('Suite donnée').selectOption('vpr_realisee');
    await page.getByLabel("Le salarié ne s'oppose pas à la transmission des recommandations").check();
    await page.getByLabel('Recommandations transmises au médecin conseil').fill('Temps partiel thérapeutique à envisager.');
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Recommandations transmises : Temps partiel thérapeutique à envisager.').waitFor();
    // Answered: the badge goes, without reloading the page.
    await expect.poll(() => badge.count()).toBe(0);
    await page.context().close();
  });

  it('the médecin conseil reads the answer', async () => {
    const page = await newPage(e);
    await loginAs(page, 'service-medical');
    await page.goto('/partenaire/fiches-liaison');
    await page.getByText('Temps partiel thérapeutique à envisager.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the worker asks the cell for help on his phone', async () => {
    const page = await newPage(e, { mobile: true });
    await loginAs(page, 'salarie');
    await page.goto('/carnet/solliciter');
    await page.getByRole('heading', { name: 'Solliciter la cellule' }).waitFor();
    await page.getByLabel('Votre demande').fill('Je voudrais parler de mon retour au travail.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByText('Demande transmise').waitFor();
    await page.getByText('Je voudrais parler de mon retour au travail.').last().waitFor();
    await page.context().close();
  });
});
