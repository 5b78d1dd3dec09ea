/**
 * The flux upload in a real browser (issue 14 item 3): in « Imports du flux » the administrator
 * chooses a file (name and size shown); a file that is not a flux is refused with the server's
 * French message and no job; a flux starts a job the page follows — waiting, running with its
 * progress (lines done of total), resumed after the process running it died — then its report and
 * the link to the batch; the jobs' list and the batches' list show it without a reload.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as jobsRepo from '../../src/db/repositories/job.repository';
import { testLine, toCsv, type TestLine } from '../../src/domain/intake/flux-test-lines';
import { ensureTestCompany } from '../integration/flux-helpers';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.jobs.stop();
  const tenant = await e.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
  await ensureTestCompany(e.database, tenant.id);
});
afterAll(() => e?.close());

function flux(): string {
  const lines: TestLine[] = [];
  for (let p = 500_000; p < 500_300; p++) {
    lines.push(testLine(p));
    if (p % 10 === 0) lines.push(testLine(p, { id_message: `C-${p}`, consentement: 'non' }));
  }
  return toCsv(lines);
}

describe('« Imports du flux »: upload, progress, report', () => {
  it('refuses a file that is not a flux; follows the import of a flux to its report', async () => {
    const db = e.database.db;
    const page = await newPage(e);
    await loginAs(page, 'admin');
    await page.goto('/flux/imports');
    await page.getByRole('heading', { name: 'Imports du flux', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Déposer un fichier du flux' }).waitFor();
    const input = page.getByLabel('Fichier du flux à importer');

    // Not a flux: the server's French refusal, no job.
    await input.setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from('nom;prenom\nDupont;Jean\n') });
    await page.getByText(/^liste\.csv — \d+ octets$/).waitFor();
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Fichier refusé' });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/colonnes?/i);
    expect((await db.selectFrom('job').select('id').where('kind', '=', 'flux.import').execute()).length).toBe(0);

    // A flux: the job waits (no runner yet).
    const csv = flux();
    const dataLines = csv.trim().split('\n').length - 1;
    await input.setInputFiles({ name: 'cpam-593.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText(/^cpam-593\.csv — [\d,]+ ko$/).waitFor();
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    await page.getByText('En attente de démarrage…').waitFor();
    expect(await page.getByRole('button', { name: 'Importer le fichier' }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Another process takes it and reports progress: lines done of total.
    const job = await jobsRepo.claimNextJob(db, { kinds: ['flux.import'], staleSeconds: 60, claim: '00000000-0000-4000-8000-0000000000f1', runner: 'autre-processus' });
    expect(job).toBeDefined();
    await jobsRepo.saveJobProgress(db, job!.tenant_id, job!.id, job!.claim!, { done: 110, total: dataLines, counts: { accepted: 100, rejected: 10 } });
    await page.getByText(new RegExp(`^110 / ${dataLines} lignes \\(33 %\\)`)).first().waitFor();
    await page.getByRole('progressbar').first().waitFor();
    await page.getByText('Acceptées : 100', { exact: false }).first().waitFor();

    // That process dies; the server's runner resumes the import and ends it: the report.
    await sql`update job set heartbeat_at = now() - interval '5 minutes' where id = ${job!.id}`.execute(db);
    e.jobs.start();
    await page.getByText(new RegExp(`^${dataLines} lignes importées : `)).first().waitFor({ timeout: 60_000 });
    await page.getByText(/repris 1 fois après une interruption/).waitFor();
    await page.getByText('CONSENTEMENT_ABSENT : 30').waitFor();
    const link = page.getByRole('link', { name: "Voir le détail de l'import et le rapport des rejets" });
    await link.waitFor();
    // The lists follow without a reload: the job (Terminé) and the batch.
    const jobs = page.getByRole('table', { name: /Imports du flux en cours et terminés/ });
    await jobs.getByText('Terminé', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'cpam-593.csv' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await link.click();
    await page.getByRole('heading', { name: /cpam-593\.csv/ }).waitFor();
    await page.context().close();
  });
});
