/**
 * The plan de maintien in a real browser: the médecin proposes an essai encadré on the demo
 * worker's dossier (a 15th jour ouvrable is refused with the rule named), records an approval,
 * is refused « accordée » while approvals are missing, uses the calculators and downloads the
 * case summary, adds a task seen late in « Mes tâches »; the worker sees the measure in her
 * carnet on her phone; the employer sees only the measure shown to him, without health data.
 * Pages are checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant-tx';
import { civilDate } from '../../src/domain/calendar/dates';
import { addDays } from '../../src/domain/calendar/dates';
import { isJourOuvrable } from '../../src/domain/parcours/catalogue';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
let dossierId: string;
const today = civilDate(new Date());
const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
let start = addDays(today, 3);
while (!isJourOuvrable(start)) start = addDays(start, 1);
const afterWorkingDays = (n: number) => {
  let d = start;
  for (let k = 1; k < n; ) {
    d = addDays(d, 1);
    if (isJourOuvrable(d)) k += 1;
  }
  return d;
};

beforeAll(async () => {
  e = await startE2E();
  const db = e.database.db;
  const tenant = await db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
  const worker = await db.selectFrom('worker').select('id').where('email', 'like', 'salarie@%').executeTakeFirstOrThrow();
  dossierId = (await db.selectFrom('dossier').select('id').where('worker_id', '=', worker.id).orderBy('opened_at', 'desc').executeTakeFirstOrThrow()).id;
  await inTenant(db, tenant.id, (trx) => trx.insertInto('arret').values({ tenant_id: tenant.id, worker_id: worker.id, source: 'equipe', nature: 'maladie', start_date: addDays(today, -50), expected_end_date: addDays(today, 90) }).execute());
});
afterAll(() => e?.close());

describe('plan de maintien', () => {
  it('the médecin proposes an essai encadré; the rules are named; approvals; calculators; documents; a task', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto(`/dossiers/${dossierId}`);
    const plan = page.getByRole('region', { name: 'Plan de maintien en emploi' });
    await plan.waitFor();
    await plan.getByRole('button', { name: 'Proposer une mesure' }).click();
    const form = page.getByRole('form', { name: 'Proposer une mesure' });
    await form.getByLabel('Mesure').selectOption('essaiEncadre');
    await form.getByLabel(/^Début/).fill(fr(start));
    await form.getByLabel(/^Fin/).fill(fr(afterWorkingDays(15)));
    await form.getByLabel('Partager avec le salarié (visible dans son carnet)').check();
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Proposer' }).click();
    await page.getByText(/Règle « durée maximale » \(Essai encadré/).waitFor();
    await form.getByLabel(/^Fin/).fill(fr(afterWorkingDays(14)));
    await form.getByRole('button', { name: 'Proposer' }).click();
    const card = plan.getByRole('article', { name: 'Essai encadré' });
    await card.getByText('Proposée', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Enregistrer un accord' }).click();
    const approval = page.getByRole('form', { name: 'Enregistrer un accord : Essai encadré' });
    await approval.getByLabel('Donné par (nom)').fill('Dr Jean Vasseur');
    await approval.getByLabel('Fonction ou organisme').fill('Médecin traitant');
    await approval.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByText("En attente d'accord", { exact: true }).waitFor();
    await card.getByText(/Accord — Médecin traitant : Dr Jean Vasseur/).waitFor();
    await card.getByRole('button', { name: 'Accorder : Essai encadré' }).click();
    await card.getByText(/Règle « accords requis ».*Médecin conseil/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const calc = page.getByRole('region', { name: 'Calculateurs' });
    await calc.getByText(/IJ versées \(hors délai de carence\)/).waitFor();
    await calc.getByLabel('Date de la décision').fill('25/10/2025');
    await calc.getByLabel('Date de la décision').blur();
    await calc.getByText('Pension versée à partir du 01/12/2025').waitFor();

    const docs = page.getByRole('region', { name: 'Documents' });
    const link = docs.getByRole('link', { name: 'Synthèse du dossier (PDF)' });
    const href = await link.getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    const task = page.getByRole('region', { name: 'Ajouter une tâche' });
    await task.getByLabel('À faire').fill('Appeler la tutrice de l’essai encadré');
    await task.getByLabel('Échéance').fill(fr(addDays(today, -1)));
    await task.getByRole('button', { name: 'Ajouter la tâche' }).click();
    await task.getByText('Tâche ajoutée.').waitFor();
    await page.goto('/taches');
    const row = page.getByRole('row').filter({ hasText: 'Appeler la tutrice de l’essai encadré' });
    await row.getByText(/en retard/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the worker sees the shared measure in her carnet (phone); the employer only what is shown to him', async () => {
    // An aménagement de poste granted and shown to the employer, through the API as the médecin would.
    const medecin = await newPage(e);
    await loginAs(medecin, 'medecin');
    const csrf = await medecin.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).csrfToken as string);
    const post = async (url: string, data: object) => (await medecin.request.post(url, { data, headers: { 'x-csrf-token': csrf } })).json();
    const am = await post(`/api/v1/dossiers/${dossierId}/measures`, { code: 'amenagementPoste', startDate: today, details: 'Tendinite de l’épaule droite', employerNote: 'Poste de jour, aide à la manutention', employerVisible: true });
    for (const kind of ['medecin_travail', 'employeur']) await post(`/api/v1/measures/${am.id}/approvals`, { kind, decision: 'accord', decidedOn: today, byName: 'X', byOrganisation: 'Y' });
    expect((await post(`/api/v1/measures/${am.id}/transition`, { to: 'accordee' })).status).toBe('accordee');
    await medecin.context().close();

    const worker = await newPage(e, { mobile: true });
    await loginAs(worker, 'salarie');
    await worker.goto('/carnet');
    const mine = worker.getByRole('region', { name: 'Mes mesures de maintien en emploi' });
    await mine.getByText('Essai encadré').waitFor();
    await mine.getByText(/tuteur/).waitFor();
    expect(await axeViolations(worker)).toEqual([]);
    await worker.context().close();

    const employer = await newPage(e);
    await loginAs(employer, 'employeur');
    await employer.goto('/employeur');
    const theirs = employer.getByRole('region', { name: 'Mesures de maintien en emploi vous concernant' });
    await theirs.getByText('Aménagement du poste ou du temps de travail').waitFor();
    await theirs.getByText('Poste de jour, aide à la manutention').waitFor();
    const text = await employer.locator('main').innerText();
    expect(text).not.toContain('Tendinite');
    expect(text).not.toContain('Essai encadré');
    expect(await axeViolations(employer)).toEqual([]);
    await employer.context().close();
  });
});
