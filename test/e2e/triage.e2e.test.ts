/**
 * Triage « À qualifier » in a real browser (issue 14 item 1): on the demo's intake content (two AM
 * flux batches), the chargée de mission filters the queue (filters kept in the URL), selects rows,
 * opens their dossiers in bulk with professionals and a referent, sets one aside « Non retenu »
 * with a reason, sets all rows of a filter « Hors périmètre », sees the navigation count go down,
 * and finds the flux lines out of scope with the answer to the issuer; takes lines out of scope on
 * (« Prendre en charge ») once it names the member company, and is refused for a non-member
 * company. Pages checked with axe-core.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIntakeDemo } from '../../src/demo/intake-demo';
import { axeViolations, demoEmail, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
let tenantId: string;
beforeAll(async () => {
  e = await startE2E();
  tenantId = (await e.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  // The intake demo as `maintien start` seeds it: a few hundred workers « À qualifier » from the flux.
  await seedIntakeDemo(e.database, tenantId, new Date());
});
afterAll(() => e?.close());

const toQualify = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from triage_item where tenant_id = ${tenantId} and status = 'a_qualifier'`.execute(e.database.db)).rows[0].n);
/**
 * The days of absence a row shows: « En cours depuis N jours », « Terminée le JJ/MM/AAAA (N jours) »,
 * « À venir » (0 day); -1 for any other text (fails the checks on it).
 */
function absenceDays(cell: string): number {
  const t = cell.replace(/\s/g, ' ');
  const m = /^En cours depuis (\d[\d ]*) jours?/.exec(t) ?? /^Terminée le \d{2}\/\d{2}\/\d{4} \((\d[\d ]*) jours?\)/.exec(t);
  if (m) return Number(m[1].replace(/ /g, ''));
  return /^À venir/.test(t) ? 0 : -1;
}
const userId = async (local: string) => (await e.database.db.selectFrom('app_user').select('id').where('email', '=', demoEmail(local)).executeTakeFirstOrThrow()).id;

describe('« À qualifier »', () => {
  it('the chargée de mission filters, opens dossiers in bulk, sets one aside, clears a whole filter; the count goes down', async () => {
    const db = e.database.db;
    const before = await toQualify();
    expect(before).toBeGreaterThan(5);
    const page = await newPage(e);
    await loginAs(page, 'charge-mission');
    const badge = page.getByTestId('badge-/a-qualifier');
    await expect.poll(() => badge.textContent()).toBe(String(before));
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: /^À qualifier/ }).click();
    await page.getByRole('heading', { level: 1, name: 'À qualifier' }).waitFor();
    await page.getByText(new RegExp(`^${before} salariés à qualifier$`)).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Filters: member companies, at least 30 days of absence, the longest first — kept in the URL.
    await page.getByLabel('Entreprise').selectOption('oui');
    await page.getByLabel('Trier par').selectOption('absence');
    await page.getByLabel('Absence d’au moins').fill('30');
    await page.waitForURL((u) => u.searchParams.get('member') === 'oui' && u.searchParams.get('sort') === 'absence' && u.searchParams.get('minDays') === '30');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'À qualifier' }).waitFor();
    expect(await page.getByLabel('Entreprise').inputValue()).toBe('oui');
    expect(await page.getByLabel('Absence d’au moins').inputValue()).toBe('30');
    const table = page.getByRole('table');
    await table.waitFor();
    const rowBoxes = table.getByRole('checkbox', { name: /^Sélectionner / });
    expect(await rowBoxes.count()).toBeGreaterThan(2);
    // Longest absence first: the days shown never increase down the list.
    const days = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map(absenceDays);
    expect(days.every((d) => d >= 30)).toBe(true);
    expect([...days].sort((a, b) => b - a)).toEqual(days);

    // Two rows selected, dossiers opened with two professionals and a referent. A row is known by its
    // worker (the link to his page): the demo has homonyms (two « LECOMTE Jessica »), the name alone is not enough.
    const rows = table.locator('tbody tr');
    const workerOf = async (i: number) => (await rows.nth(i).getByRole('link').first().getAttribute('href'))!.replace(/^\/salaries\//, '');
    const picked = [await workerOf(0), await workerOf(1)];
    const rowOf = (workerId: string) => table.locator(`tbody tr:has(a[href="/salaries/${workerId}"])`);
    await rowBoxes.nth(0).check();
    await rowBoxes.nth(1).check();
    await page.getByText('2 lignes sélectionnées.').waitFor();
    await page.getByRole('button', { name: 'Ouvrir un dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ouvrir un dossier' });
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Émilie Fontaine', exact: true }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'Dr Claire Lemaire', exact: true }).check();
    await dialog.getByLabel('Référent').selectOption({ label: 'Dr Claire Lemaire' });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ouvrir 2 dossiers' }).click();
    const status = page.getByRole('status');
    await status.getByText('2 dossiers ouverts.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    for (const workerId of picked) await expect.poll(() => rowOf(workerId).count()).toBe(0);
    const medecin = await userId('medecin');
    const opened = await sql<{ dossier_id: string; worker_id: string; n: number; referent: string | null }>`
      select d.id as dossier_id, d.worker_id, count(a.user_id)::int as n, max(case when a.is_referent then a.user_id::text end) as referent
        from triage_item t join dossier d on d.worker_id = t.worker_id join dossier_assignment a on a.dossier_id = d.id
       where t.tenant_id = ${tenantId} and t.status = 'retenu' group by d.id, d.worker_id`.execute(db);
    expect(opened.rows).toHaveLength(2);
    for (const r of opened.rows) expect(r).toMatchObject({ n: 2, referent: medecin });
    expect(opened.rows.map((r) => r.worker_id).sort()).toEqual([...picked].sort());
    await expect.poll(() => badge.textContent()).toBe(String(before - 2));

    // One set aside « Non retenu »: the reason is required.
    const third = await workerOf(0);
    await rowBoxes.nth(0).check();
    await page.getByRole('button', { name: 'Non retenu', exact: true }).click();
    const aside = page.getByRole('dialog', { name: 'Non retenu' });
    await aside.getByRole('button', { name: 'Confirmer « Non retenu »' }).click();
    await aside.getByText('Indiquez pourquoi ces signalements ne sont pas retenus (au moins 3 caractères).').waitFor();
    await aside.getByLabel('Motif').fill('Arrêt sans lien avec le poste, reprise prévue sans restriction');
    expect(await axeViolations(page)).toEqual([]);
    await aside.getByRole('button', { name: 'Confirmer « Non retenu »' }).click();
    await status.getByText('1 salarié « Non retenu ».').waitFor();
    await expect.poll(() => rowOf(third).count()).toBe(0);
    const setAside = await db.selectFrom('triage_item').select(['worker_id', 'decision_reason']).where('tenant_id', '=', tenantId).where('status', '=', 'non_retenu').execute();
    expect(setAside).toEqual([{ worker_id: third, decision_reason: 'Arrêt sans lien avec le poste, reprise prévue sans restriction' }]);
    await expect.poll(() => badge.textContent()).toBe(String(before - 3));
    expect(await toQualify()).toBe(before - 3);

    // The decided rows are found under their status, with the decision.
    await page.getByLabel('Statut').selectOption('non_retenu');
    await page.getByRole('table').getByText('Arrêt sans lien avec le poste, reprise prévue sans restriction').waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByText(new RegExp(`^${before - 3} salariés à qualifier$`)).waitFor();

    // Every row of a filter at once (the `filter` form of the decision): « Hors périmètre ».
    await page.getByRole('checkbox', { name: 'Tout sélectionner sur la page' }).check();
    await page.getByRole('button', { name: `Sélectionner les ${before - 3} lignes du filtre` }).waitFor();
    await page.getByRole('button', { name: 'Annuler la sélection' }).click();
    await page.getByLabel('Entreprise').selectOption('oui');
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/triage?') && r.url().includes('minDays=200'));
    await page.getByLabel('Absence d’au moins').fill('200');
    const n = ((await (await answer).json()) as { total: number }).total;
    expect(n).toBeGreaterThan(1);
    await page.getByRole('button', { name: `Sélectionner les ${n} lignes du filtre` }).click();
    await page.getByText(`Les ${n} lignes du filtre sont sélectionnées.`).waitFor();
    await page.getByRole('button', { name: 'Hors périmètre', exact: true }).click();
    await page.getByRole('dialog', { name: 'Hors périmètre' }).getByRole('button', { name: 'Confirmer « Hors périmètre »' }).click();
    await status.getByText(`${n} salariés « Hors périmètre ».`).waitFor();
    await page.getByText('Aucun salarié à qualifier.').waitFor();
    await expect.poll(() => badge.textContent()).toBe(String(before - 3 - n));
    expect((await sql<{ n: number }>`select count(*)::int as n from triage_item where tenant_id = ${tenantId} and status = 'hors_perimetre'`.execute(db)).rows[0].n).toBe(n);

    // The flux lines out of scope, with the answer to send back to the issuer.
    await page.getByRole('tab', { name: 'Lignes du flux hors périmètre' }).click();
    await page.waitForURL((u) => u.searchParams.get('vue') === 'hors-perimetre' && !u.searchParams.has('minDays'));
    await page.getByRole('table').getByText('Salarié non suivi par ce service').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the assistant may open dossiers but not set signals aside (buttons absent); a non-member employer is marked « Non adhérente »', async () => {
    const page = await newPage(e);
    await loginAs(page, 'assistant');
    await page.goto('/a-qualifier');
    await page.getByRole('heading', { level: 1, name: 'À qualifier' }).waitFor();
    await page.getByRole('region', { name: 'Actions sur la sélection' }).getByRole('button', { name: 'Ouvrir un dossier' }).waitFor();
    expect(await page.getByRole('button', { name: 'Non retenu', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Hors périmètre', exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A company that left the service: its workers' rows say so (filter « Non adhérentes »).
    // A member employer of a row (the rows received at the same instant come in id order: the first one may have no known employer).
    const first = (await (await page.request.get('/api/v1/triage?pageSize=50')).json()) as { items: { company: { id: string; name: string; member: boolean } | null }[] };
    const found = first.items.find((i) => i.company?.member)?.company;
    expect(found).toBeTruthy();
    const company = found!;
    await e.database.db.updateTable('company').set({ member: false }).where('id', '=', company.id).execute();
    try {
      await page.getByLabel('Entreprise').selectOption('non');
      await page.waitForURL((u) => u.searchParams.get('member') === 'non');
      const row = page.getByRole('row').filter({ hasText: company.name }).first();
      await row.getByText('Non adhérente', { exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await e.database.db.updateTable('company').set({ member: true }).where('id', '=', company.id).execute();
    }
    await page.context().close();
  });

  it('« Hors périmètre »: the chargée de mission takes lines of an unknown employer on, naming the member company; a non-member company is refused', async () => {
    const db = e.database.db;
    const member = await db.selectFrom('company').select(['id', 'name']).where('tenant_id', '=', tenantId).where('member', '=', true).orderBy('name').executeTakeFirstOrThrow();
    const page = await newPage(e);
    await loginAs(page, 'charge-mission');
    await page.goto('/a-qualifier?vue=hors-perimetre');
    const table = page.getByRole('table');
    const menuiserie = table.getByRole('row').filter({ hasText: 'Menuiserie Deschamps et Fils' });
    await menuiserie.getByText('Non adhérente', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The three lines of the employer unknown to the service (an initial and its prolongation, an initial).
    const unknown = table.getByRole('checkbox', { name: /\(message ELSM-59-HP-\d+-(11|12|21)\)$/ });
    expect(await unknown.count()).toBe(3);
    for (let i = 0; i < 3; i++) await unknown.nth(i).check();
    await page.getByRole('region', { name: 'Actions sur les lignes hors périmètre sélectionnées' }).getByRole('button', { name: 'Prendre en charge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prendre en charge' });
    await dialog.getByText(/3 lignes n’ont pas de SIRET/).waitFor();
    await dialog.getByLabel('Entreprise', { exact: true }).fill(member.name.slice(0, 6));
    await dialog.getByRole('option', { name: member.name }).first().click();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Prendre en charge 3 lignes' }).click();
    const status = page.getByRole('status');
    await status.getByText('3 lignes prises en charge.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => unknown.count()).toBe(0);
    const taken = await sql<{ n: number }>`select count(*)::int as n from arret a join company c on c.id = a.company_id
      where a.tenant_id = ${tenantId} and a.external_id like 'AT59HP%' and c.id = ${member.id}`.execute(db);
    expect(taken.rows[0].n).toBe(2);

    // The non-member company's line: refused, with the reason.
    await menuiserie.getByRole('checkbox').check();
    await page.getByRole('region', { name: 'Actions sur les lignes hors périmètre sélectionnées' }).getByRole('button', { name: 'Prendre en charge' }).click();
    await dialog.getByText(/une entreprise encore non adhérente/).waitFor();
    await dialog.getByRole('button', { name: 'Prendre en charge la ligne' }).click();
    await dialog.getByRole('alert').getByText(/n’est pas adhérente du service/).waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    // « Voir »: the line as received; then the lines taken on under their status.
    await menuiserie.getByRole('button', { name: /^Voir la ligne/ }).click();
    const seen = page.getByRole('dialog', { name: 'Ligne reçue du flux' });
    await seen.getByText('MERCIER').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByLabel('Statut').selectOption('pris_en_charge');
    await page.waitForURL((u) => u.searchParams.get('statut') === 'pris_en_charge');
    await expect.poll(() => page.getByRole('table').getByText('Pris en charge', { exact: true }).count()).toBe(3);
    await page.context().close();
  });
});
