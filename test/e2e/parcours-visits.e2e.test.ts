/**
 * Parcours visits in a real browser: the médecin schedules a visite de reprise from the case page
 * (the agenda shows it), organises an instance partenariale with the CPAM; the CPAM agent sees
 * only the consented case; the worker sees his appointment in his carnet on a phone; the employer
 * sees its date and nothing of its content. Pages are checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
let dossierId = '';
beforeAll(async () => {
  e = await startE2E();
  const worker = await e.database.db.selectFrom('app_user').select('worker_id').where('email', '=', 'salarie@demo.maintien.test').executeTakeFirstOrThrow();
  dossierId = (await e.database.db.selectFrom('dossier').select('id').where('worker_id', '=', worker.worker_id!).orderBy('opened_at', 'desc').executeTakeFirstOrThrow()).id;
});
afterAll(() => e?.close());

const fr = (d: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

describe('parcours visits', () => {
  it('the médecin schedules a visite de reprise on the case page and finds it in the agenda', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto(`/dossiers/${dossierId}`);
    const section = page.getByRole('region', { name: 'Visites' });
    await section.waitFor();
    await section.getByLabel('Type de visite').selectOption('reprise');
    await section.getByLabel('Date de la visite').fill(fr(inDays(3)));
    await section.getByLabel('Heure').fill('10:30');
    await section.getByLabel('Lieu').fill('Centre médical de Lille');
    await expect.poll(async () => (await section.getByLabel('Professionnel').locator('option').count()) > 1).toBe(true);
    await section.getByLabel('Professionnel').selectOption({ label: 'Dr Claire Lemaire (Médecin du travail)' });
    await section.getByLabel('Date de reprise du travail').fill(fr(inDays(-8)));
    await section.getByRole('button', { name: 'Planifier' }).click();
    // Return 8 days ago, visit in 3 days: past the R4624-31 deadline.
    await section.getByRole('status').getByText(/Visite de reprise planifiée.*Attention : au-delà de l'échéance/).waitFor();
    await section.getByText(/en retard de 3 j/).waitFor();

    await page.getByRole('link', { name: 'Agenda des visites' }).click();
    await page.getByRole('heading', { name: 'Agenda des visites', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'LECLERCQ Sandrine' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('an instance partenariale: the CPAM agent sees only the case whose worker consented to the CPAM', async () => {
    const page = await newPage(e);
    await loginAs(page, 'charge-mission');
    await page.getByRole('link', { name: 'Instances' }).click();
    await page.getByRole('heading', { name: "Instances d'examen des cas", level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Type').selectOption('instance_partenariale');
    await page.getByLabel('Intitulé').fill('Instance partenariale e2e');
    await page.getByLabel("Date de l'instance").fill(fr(inDays(5)));
    await page.getByLabel('Heure').fill('15:00');
    await page.getByRole('button', { name: "Créer l'instance" }).click();
    await page.getByRole('heading', { name: 'Instance partenariale e2e', level: 1 }).waitFor();
    const invite = page.getByLabel('Inviter');
    await expect.poll(async () => (await invite.locator('option').count()) > 1).toBe(true);
    await invite.selectOption({ label: 'Nadia Belkacem — CPAM de Lille-Douai' }).catch(async () => {
      const label = await invite.locator('option', { hasText: 'Nadia Belkacem' }).first().textContent();
      await invite.selectOption({ label: label! });
    });
    await page.getByRole('button', { name: 'Inviter' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Nadia Belkacem' }).waitFor();

    // Put the demo case and a case without consent to the CPAM on the agenda, from the case pages.
    const cpamOrg = (await e.database.db.selectFrom('organisation').select('id').where('kind', '=', 'cpam').executeTakeFirstOrThrow()).id;
    const other = await e.database.db
      .selectFrom('dossier as d')
      .select('d.id')
      .where('d.state', '=', 'en_accompagnement')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('consent as k').select('k.id').whereRef('k.worker_id', '=', 'd.worker_id').where('k.recipient_organisation_id', '=', cpamOrg))))
      .orderBy('d.reference')
      .executeTakeFirstOrThrow();
    for (const id of [dossierId, other.id]) {
      await page.goto(`/dossiers/${id}`);
      const s = page.getByRole('region', { name: "Instances d'examen" });
      await s.getByLabel("Inscrire à l'ordre du jour de").selectOption({ index: 1 });
      await s.getByRole('button', { name: 'Inscrire' }).click();
      await s.getByRole('link', { name: 'Instance partenariale e2e' }).waitFor();
    }
    await page.getByRole('link', { name: 'Instance partenariale e2e' }).click();
    await page.getByText(/Non présenté à : CPAM/).waitFor();
    const firstCase = page.getByRole('region', { name: /LECLERCQ Sandrine/ });
    await firstCase.getByLabel('Compte rendu').fill('Essai encadré envisagé ; la CPAM étudie la convention.');
    await firstCase.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
    await firstCase.getByText('Compte rendu enregistré.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();

    const partner = await newPage(e);
    await loginAs(partner, 'cpam');
    await partner.goto('/partenaire');
    const mine = partner.getByRole('region', { name: 'Instances partenariales' });
    await mine.getByRole('link', { name: 'Instance partenariale e2e' }).click();
    await partner.getByRole('heading', { name: 'Instance partenariale e2e', level: 1 }).waitFor();
    await partner.getByText('Essai encadré envisagé ; la CPAM étudie la convention.').waitFor();
    expect(await partner.getByRole('region', { name: /PDP-/ }).count()).toBe(1);
    expect(await axeViolations(partner)).toEqual([]);
    await partner.context().close();
  });

  it('the worker sees his appointment on his phone; the employer sees its date, never its content', async () => {
    const phone = await newPage(e, { mobile: true });
    await loginAs(phone, 'salarie');
    await phone.goto('/carnet');
    const rdv = phone.getByRole('region', { name: 'Mes rendez-vous' });
    await rdv.getByText(/Visite de reprise.*Centre médical de Lille/).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.context().close();

    const employer = await newPage(e);
    await loginAs(employer, 'employeur');
    await employer.goto('/employeur');
    const visits = employer.getByRole('region', { name: 'Visites de vos salariés' });
    await visits.getByRole('cell', { name: 'LECLERCQ Sandrine' }).first().waitFor();
    await visits.getByRole('cell', { name: 'Visite de reprise' }).first().waitFor();
    expect(await visits.getByText('Visite de pré-reprise').count()).toBe(0);
    expect(await employer.getByText('Centre médical de Lille').count()).toBe(0);
    expect(await axeViolations(employer)).toEqual([]);
    await employer.context().close();
  });
});
