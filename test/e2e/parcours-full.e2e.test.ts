/**
 * A full parcours in a real browser (issue 6 « Tests »), from the signal to the 6-month follow-up,
 * seen by the cell, the worker, a partner and the employer, each seeing only what they may:
 * 1. the employer declares an arrêt of more than 30 days for the demo salariée (Sandrine Leclercq,
 *    who works at the demo employer's company); a dossier « Signalé » opens;
 * 2. the médecin du travail finds the signal, moves the dossier to « En accompagnement », writes a
 *    medical note, a note for the employer and one shared with the worker, records a pré-reprise
 *    visit with its (medical) conclusion, schedules the visite de reprise, proposes an aménagement
 *    de poste and records its approvals; the chargée de mission (no medical access) records the
 *    worker's consent to Cap emploi and addresses the case to Cap emploi;
 * 3. the Cap emploi agent, who could not see the case before the consent, opens it (no medical
 *    content) and accepts the referral;
 * 4. the worker sees her parcours (shared note, measure, appointment) and her consent, on a phone;
 * 5. the employer sees the recommendation, the measure and the visit date, no health data;
 * 6. the médecin records the exit; the +6 and +12-month follow-up tasks exist; six months pass
 *    THROUGH DATA (SQL on the test database moves the exit date and the follow-up tasks' due dates
 *    back six months, the UI refusing a future follow-up before that), and the médecin records
 *    the 6-month follow-up: the dossier is « En suivi ».
 * Set-up through SQL: the salariée's demo dossiers are closed (so that the declaration opens a new
 * one) and her demo consents to Cap emploi are removed (so that the one recorded here is the only
 * key). Main pages are checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { civilDate } from '../../src/domain/calendar/dates';
import { addDays } from '../../src/domain/calendar/dates';
import { addMonths } from '../../src/domain/parcours/exit';
import { demoEmail, loginAs, newPage, openFromTriage, startE2E, type E2E, injectAxe } from './support';


let e: E2E;
let workerId = '';
let dossier = { id: '', reference: '' };
const CAP = 'Cap emploi Nord';
const today = civilDate(new Date());
const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// Words of the case that only the health professionals may read.
const MEDICAL_NOTE = 'Hernie discale L5-S1 opérée, lombosciatique persistante';
const VISIT_CONCLUSION = 'Sciatalgie résiduelle : contre-indication au port de charges de plus de 10 kg';
const TEAM_DETAIL = 'Suite de la cure de hernie discale';
const MEDICAL_WORDS = ['Hernie', 'hernie', 'discale', 'sciatique', 'Sciatalgie', 'contre-indication'];
// What each audience is meant to read.
const EMPLOYER_NOTE = 'Prévoir un poste de jour avec aide à la manutention pendant trois mois.';
const WORKER_NOTE = 'Nous vous proposons de rencontrer un conseiller de Cap emploi pour préparer votre retour.';
const EMPLOYER_MEASURE_NOTE = 'Poste de jour, aide à la manutention';
const PLACE = 'Centre médical de Roubaix';

beforeAll(async () => {
  e = await startE2E();
  const db = e.database.db;
  workerId = (await db.selectFrom('app_user').select('worker_id').where('email', '=', demoEmail('salarie')).executeTakeFirstOrThrow()).worker_id!;
  // Data set-up: the salariée starts without an open dossier and without any consent to Cap emploi.
  await db.updateTable('dossier').set({ state: 'clos' }).where('worker_id', '=', workerId).execute();
  const cap = await db.selectFrom('organisation').select('id').where('name', '=', CAP).executeTakeFirstOrThrow();
  await db.deleteFrom('consent').where('worker_id', '=', workerId).where('recipient_organisation_id', '=', cap.id).execute();
});
afterAll(() => e?.close());

// One story: once a step fails, the next ones are skipped rather than timing out one by one.
let broken = false;
beforeEach(({ task, skip, onTestFailed }) => {
  if (broken && !task.name.startsWith('axe')) skip();
  onTestFailed(() => {
    broken = true;
  });
});

/**
 * axe-core (WCAG 2.1 A/AA) on the page as it is; violations are collected with the page and the
 * elements, and asserted empty by the last test, so one run names every page at fault.
 */
const a11y: string[] = [];
async function checkA11y(page: Page) {
  await injectAxe(page);
  const found = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: { id: string; nodes: { target: string[]; html: string }[] }) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
  })) as string[];
  const path = new URL(page.url()).pathname;
  for (const f of found) a11y.push(`${path} — ${f}`);
}

/** The row of « Mes déclarations » of the arrêt declared in step 1. */
const declarationRow = (page: Page) => page.getByRole('row').filter({ hasText: `du ${fr(addDays(today, -3))} au ${fr(addDays(today, 60))}` });

/** The visible text of the page's main content. */
const mainText = (page: Page) => page.locator('main').innerText();
function expectNone(text: string, words: readonly string[]) {
  for (const w of words) expect(text, `« ${w} » must not be shown`).not.toContain(w);
}

describe('full parcours: signal → accompaniment → partner → exit → 6-month follow-up', () => {
  it('1. the employer declares an arrêt of more than 30 days for Sandrine Leclercq', async () => {
    const page = await newPage(e);
    await loginAs(page, 'employeur');
    await page.getByRole('link', { name: 'Mes déclarations' }).click();
    await page.getByRole('link', { name: 'Déclarer un arrêt de plus de 30 jours' }).click();
    await page.getByRole('heading', { name: 'Déclarer un arrêt de plus de 30 jours' }).waitFor();
    const select = page.getByRole('combobox', { name: /^Salarié/ });
    await select.locator(`option[value="${workerId}"]`).waitFor({ state: 'attached' });
    await select.selectOption(workerId);
    await page.getByLabel("Début de l'arrêt").fill(fr(addDays(today, -3)));
    await page.getByLabel("Fin prévue de l'arrêt").fill(fr(addDays(today, 60)));
    await page.getByLabel("Nature de l'arrêt").selectOption('maladie');
    await page.getByLabel("Le salarié a été informé de la possibilité d'une visite de pré-reprise").check();
    await page.getByRole('button', { name: 'Déclarer l’arrêt' }).click();
    await page.getByText('Déclaration enregistrée').waitFor();
    await page.getByRole('link', { name: '← Mes déclarations' }).click();
    await page.getByRole('heading', { name: 'Mes déclarations' }).waitFor();
    // A new dossier « Signalé »: the employer sees « Reçue », never the dossier itself.
    await declarationRow(page).getByText('Reçue', { exact: true }).waitFor();
    await checkA11y(page);
    await page.context().close();

    // The declaration waits « À qualifier » (issue 14); the coordinator opens the dossier.
    await openFromTriage(e, workerId, 'charge-mission');
    const opened = await e.database.db.selectFrom('dossier').select(['id', 'reference', 'state', 'origin']).where('worker_id', '=', workerId).where('state', '!=', 'clos').executeTakeFirstOrThrow();
    expect(opened).toMatchObject({ state: 'signale', origin: 'employeur' });
    dossier = { id: opened.id, reference: opened.reference };
  });

  it('2a. the médecin finds the signal, starts the accompaniment, writes notes, records visits and a measure', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.getByRole('link', { name: 'Signalements' }).first().click();
    await page.getByRole('heading', { name: 'Signalements reçus' }).waitFor();
    await page.getByLabel('Source').selectOption('employeur');
    const row = page.getByRole('row').filter({ hasText: dossier.reference });
    await row.getByText("Déclaration d'arrêt par l'employeur").waitFor();
    await row.getByRole('link', { name: dossier.reference }).click();
    await page.waitForURL(`**/dossiers/${dossier.id}`);
    await page.getByRole('region', { name: 'Signalements' }).getByText("Déclaration d'arrêt par l'employeur").waitFor();

    for (const [button, state] of [
      ['Passer en évaluation', 'À évaluer'],
      ["Démarrer l'accompagnement", 'En accompagnement'],
    ]) {
      await page.getByRole('region', { name: "Changer l'état" }).getByRole('button', { name: button }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(async () => (await e.database.db.selectFrom('dossier').select('state').where('id', '=', dossier.id).executeTakeFirstOrThrow()).state).toBe(
        state === 'À évaluer' ? 'a_evaluer' : 'en_accompagnement',
      );
    }

    const notes = page.getByRole('region', { name: 'Ajouter une note' });
    const addNote = async (category: string, title: string, body: string, shared: boolean) => {
      await notes.getByLabel('Catégorie').selectOption({ label: category });
      await notes.getByLabel('Titre').fill(title);
      await notes.getByLabel('Texte').fill(body);
      if (shared) await notes.getByLabel('Partager avec le salarié').check();
      await notes.getByRole('button', { name: 'Enregistrer la note' }).click();
      await notes.getByRole('status').getByText('Note enregistrée.').waitFor();
      await page.getByRole('region', { name: 'Historique' }).getByText(body).waitFor();
    };
    await addNote('Médical', 'Examen clinique', MEDICAL_NOTE, false);
    await addNote("Visible par l'employeur", "Recommandation à l'employeur", EMPLOYER_NOTE, false);
    await addNote('Administratif', 'Orientation vers Cap emploi', WORKER_NOTE, true);

    // A pré-reprise visit two days ago, recorded with its medical conclusion; the reprise to come.
    const visits = page.getByRole('region', { name: 'Visites' });
    const schedule = async (kind: string, day: string, time: string) => {
      await visits.getByLabel('Type de visite').selectOption(kind);
      await visits.getByLabel('Date de la visite').fill(fr(day));
      await visits.getByLabel('Heure').fill(time);
      await visits.getByLabel('Lieu').fill(PLACE);
      await expect.poll(async () => (await visits.getByLabel('Professionnel').locator('option').count()) > 1).toBe(true);
      await visits.getByLabel('Professionnel').selectOption({ label: 'Dr Claire Lemaire (Médecin du travail)' });
      await visits.getByRole('button', { name: 'Planifier' }).click();
      await visits.getByRole('status').getByText(/planifiée/).waitFor();
    };
    await schedule('pre_reprise', addDays(today, -2), '09:30');
    await visits.getByRole('button', { name: /^Enregistrer l'issue : Visite de pré-reprise/ }).click();
    await visits.getByLabel('Issue', { exact: true }).selectOption('realisee');
    await visits.getByLabel('Conclusion (donnée de santé)').fill(VISIT_CONCLUSION);
    await visits.getByRole('button', { name: 'Valider' }).click();
    await visits.getByText(VISIT_CONCLUSION).waitFor();
    await schedule('reprise', addDays(today, 61), '10:00');

    // The plan de maintien: an aménagement de poste, shared with the worker and shown to the employer.
    const plan = page.getByRole('region', { name: 'Plan de maintien en emploi' });
    await plan.getByRole('button', { name: 'Proposer une mesure' }).click();
    const form = page.getByRole('form', { name: 'Proposer une mesure' });
    await form.getByLabel('Mesure').selectOption('amenagementPoste');
    await form.getByLabel(/^Début/).fill(fr(today));
    await form.getByLabel("Détail pour l'équipe").fill(TEAM_DETAIL);
    await form.getByLabel('Partager avec le salarié (visible dans son carnet)').check();
    await form.getByLabel("Montrer à l'employeur (sans donnée de santé)").check();
    await form.getByLabel("Note pour l'employeur").fill(EMPLOYER_MEASURE_NOTE);
    await form.getByRole('button', { name: 'Proposer' }).click();
    const card = plan.getByRole('article', { name: 'Aménagement du poste ou du temps de travail' });
    await card.getByText('Proposée', { exact: true }).waitFor();
    for (const [kind, who, org] of [
      ['medecin_travail', 'Dr Claire Lemaire', 'Médecin du travail'],
      ['employeur', 'Sophie Vandamme', 'Employeur (RH)'],
    ]) {
      await card.getByRole('button', { name: 'Enregistrer un accord' }).click();
      const approval = page.getByRole('form', { name: 'Enregistrer un accord : Aménagement du poste ou du temps de travail' });
      await approval.getByLabel('Accord', { exact: true }).selectOption(kind);
      await approval.getByLabel('Donné par (nom)').fill(who);
      await approval.getByLabel('Fonction ou organisme').fill(org);
      await approval.getByRole('button', { name: 'Enregistrer' }).click();
      await card.getByText(new RegExp(`Accord — .*${who}`)).waitFor();
    }
    await card.getByRole('button', { name: 'Accorder : Aménagement du poste ou du temps de travail' }).click();
    await card.getByText('Accordée', { exact: true }).waitFor();
    await checkA11y(page);
    await page.context().close();
  });

  it('2b. the partner cannot see the case before the consent', async () => {
    const partner = await newPage(e);
    await loginAs(partner, 'cap-emploi');
    await partner.goto('/partenaire');
    await partner.getByRole('heading', { name: 'Dossiers partagés' }).waitFor();
    expect(await partner.getByRole('link', { name: dossier.reference }).count()).toBe(0);
    await partner.goto(`/partenaire/dossiers/${dossier.id}`);
    await partner.getByRole('heading', { name: 'Dossier partagé', level: 1 }).waitFor();
    await partner.getByRole('alert').waitFor();
    expect(await partner.getByRole('heading', { name: 'Parcours partagé' }).count()).toBe(0);
    await partner.context().close();
  });

  it('2c. the chargée de mission records the consent to Cap emploi and addresses the case; no medical content for her', async () => {
    const page = await newPage(e);
    await loginAs(page, 'charge-mission');
    await page.goto(`/dossiers/${dossier.id}`);
    await page.getByRole('region', { name: 'Historique' }).getByText(WORKER_NOTE).waitFor();
    expectNone(await mainText(page), [MEDICAL_NOTE, VISIT_CONCLUSION]);

    const section = page.getByRole('region', { name: 'Partenaires' });
    const consent = section.getByRole('form', { name: 'Enregistrer un consentement' });
    await consent.getByLabel('Finalité').selectOption('partage_dossier');
    await consent.getByLabel('Destinataire').selectOption({ label: CAP });
    await consent.getByRole('button', { name: 'Enregistrer le consentement' }).click();
    await section.getByRole('cell', { name: CAP }).first().waitFor();

    const form = page.getByRole('form', { name: 'Adresser à un partenaire' });
    await form.getByLabel('Organisme').selectOption({ label: CAP });
    await form.getByLabel('Stade du parcours').selectOption('pendant_arret');
    await form.getByLabel(/^Motif/).fill('Accompagnement vers un poste aménagé, étude des aides Agefiph');
    await form.getByRole('button', { name: 'Adresser' }).click();
    await section.getByText(`Adressage — ${CAP}`).waitFor();
    await section.getByText('Envoyé, en attente de réponse').waitFor();
    await checkA11y(page);
    await page.context().close();
  });

  it('3. the Cap emploi agent opens the shared case, without medical content, and accepts the referral', async () => {
    const partner = await newPage(e);
    await loginAs(partner, 'cap-emploi');
    await partner.goto('/partenaire');
    await partner.getByRole('link', { name: dossier.reference }).click();
    await partner.getByRole('heading', { name: `Dossier ${dossier.reference}` }).waitFor();
    await partner.getByRole('heading', { name: 'Parcours partagé' }).waitFor();
    await partner.getByText(WORKER_NOTE).waitFor();
    const referrals = partner.getByRole('region', { name: 'Adressages à votre organisme' });
    await referrals.getByText(`Adressage — ${CAP}`).waitFor();
    await checkA11y(partner);
    await referrals.getByLabel('Réponse à la cellule (obligatoire pour un refus)').fill('Premier rendez-vous proposé la semaine prochaine.');
    await referrals.getByRole('button', { name: 'Accepter' }).click();
    await referrals.getByText('Accepté par le partenaire').waitFor();
    expectNone(await mainText(partner), [MEDICAL_NOTE, VISIT_CONCLUSION, TEAM_DETAIL, ...MEDICAL_WORDS]);
    await partner.context().close();

    // The cell reads the answer on the case page.
    const cell = await newPage(e);
    await loginAs(cell, 'charge-mission');
    await cell.goto(`/dossiers/${dossier.id}`);
    const section = cell.getByRole('region', { name: 'Partenaires' });
    await section.getByText('Accepté par le partenaire').waitFor();
    await section.getByText(/Premier rendez-vous proposé la semaine prochaine\./).waitFor();
    await cell.context().close();
  });

  it('4. the worker sees her parcours and her consent on her phone, and nothing medical', async () => {
    const phone = await newPage(e, { mobile: true });
    await loginAs(phone, 'salarie');
    await phone.goto('/carnet');
    const mine = phone.getByRole('region', { name: `Dossier ${dossier.reference}` });
    await mine.getByText(WORKER_NOTE).waitFor();
    const measures = phone.getByRole('region', { name: 'Mes mesures de maintien en emploi' });
    await measures.getByText('Aménagement du poste ou du temps de travail').waitFor();
    const rdv = phone.getByRole('region', { name: 'Mes rendez-vous' });
    await rdv.getByText(new RegExp(`Visite de reprise.*${PLACE}`)).waitFor();
    await phone.getByRole('heading', { name: 'Qui peut voir mon parcours' }).waitFor();
    await phone.getByRole('button', { name: `Retirer l’accès de ${CAP}` }).waitFor();
    await checkA11y(phone);
    const text = await mainText(phone);
    expectNone(text, [MEDICAL_NOTE, VISIT_CONCLUSION, TEAM_DETAIL, EMPLOYER_NOTE, ...MEDICAL_WORDS]);
    await phone.context().close();
  });

  it('5. the employer sees the recommendation, the measure and the visit date, and no health data', async () => {
    const page = await newPage(e);
    await loginAs(page, 'employeur');
    await page.goto('/employeur');
    await page.getByRole('heading', { name: 'Espace employeur', level: 1 }).waitFor();
    await page.getByText(EMPLOYER_NOTE).waitFor();
    const measures = page.getByRole('region', { name: 'Mesures de maintien en emploi vous concernant' });
    await measures.getByRole('row').filter({ hasText: EMPLOYER_MEASURE_NOTE }).getByText('Aménagement du poste ou du temps de travail').waitFor();
    const visits = page.getByRole('region', { name: 'Visites de vos salariés' });
    await visits.getByRole('row').filter({ hasText: fr(addDays(today, 61)) }).getByRole('cell', { name: 'Visite de reprise' }).waitFor();
    await checkA11y(page);
    const text = await mainText(page);
    expectNone(text, [MEDICAL_NOTE, VISIT_CONCLUSION, TEAM_DETAIL, WORKER_NOTE, PLACE, ...MEDICAL_WORDS]);
    // The pré-reprise visit is the worker's own business (R4624-29): not even its date.
    expect(await visits.getByText('Visite de pré-reprise').count()).toBe(0);
    await page.getByRole('link', { name: 'Mes déclarations' }).click();
    await declarationRow(page).getByText('Prise en charge par la cellule', { exact: true }).waitFor();
    await page.context().close();
  });

  it('6. the médecin records the exit; six months later (through data) the 6-month follow-up', async () => {
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto(`/dossiers/${dossier.id}`);
    const exit = page.getByRole('region', { name: 'Sortie et suivi' });
    const form = exit.getByRole('form', { name: 'Enregistrer la sortie du dispositif' });
    await form.getByLabel('Situation à la sortie').selectOption('poste_amenage');
    await form.getByLabel('Date de sortie').fill(fr(today));
    await form.getByLabel('Note (facultatif)').fill('Reprise sur le poste aménagé.');
    await form.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await exit.getByText('Maintien sur le poste aménagé').waitFor();
    // Not yet time for the follow-up: no form, only its dates.
    await exit.getByText(`Suivi à 6 mois : échéance le ${fr(addMonths(today, 6))}`, { exact: false }).waitFor();
    expect(await exit.getByLabel('Situation à 6 mois').count()).toBe(0);
    const tasks = page.getByRole('region', { name: 'Tâches' });
    await tasks.getByText('Suivi à 6 mois de la sortie : recueillir la situation du salarié').waitFor();
    await tasks.getByText('Suivi à 12 mois de la sortie : recueillir la situation du salarié').waitFor();
    expect((await e.database.db.selectFrom('dossier').select('state').where('id', '=', dossier.id).executeTakeFirstOrThrow()).state).toBe('sorti');
    await checkA11y(page);

    // Six months pass, through data: the exit and its follow-up tasks move back six months.
    const db = e.database.db;
    const exitedAt = addMonths(today, -6);
    await db.updateTable('dossier_exit').set({ exited_at: exitedAt }).where('dossier_id', '=', dossier.id).execute();
    for (const [rule, months] of [['suivi_6m', 6], ['suivi_12m', 12]] as const) {
      await db.updateTable('task').set({ due_date: addMonths(exitedAt, months) }).where('subject_ref', '=', `dossier:${dossier.id}`).where('rule_id', '=', rule).execute();
    }
    await page.reload();
    await exit.getByLabel('Situation à 6 mois').selectOption('poste_amenage');
    await exit.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await exit.getByText(/Suivi à 6 mois \(le .*\) : Maintien sur le poste aménagé/).waitFor();
    // The 6-month task is done; the 12-month one still waits; the dossier is « En suivi ».
    await expect.poll(() => tasks.getByText('Suivi à 6 mois de la sortie : recueillir la situation du salarié').count()).toBe(0);
    await tasks.getByText('Suivi à 12 mois de la sortie : recueillir la situation du salarié').waitFor();
    expect(await exit.getByLabel('Situation à 12 mois').count()).toBe(0);
    expect((await db.selectFrom('dossier').select('state').where('id', '=', dossier.id).executeTakeFirstOrThrow()).state).toBe('suivi');
    await checkA11y(page);
    await page.context().close();
  });

  it('axe-core finds no WCAG 2.1 A/AA violation on the pages above', () => {
    expect(a11y).toEqual([]);
  });
});
