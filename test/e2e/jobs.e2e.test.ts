/**
 * Jobs in a real browser (docs/jobs.md): « Recalculer » on « Repérage par l'indice » starts a job
 * the page follows — waiting, then running with its progress (units done of total), then its
 * result — across a reload, and after a crash of the process that ran it (stale heartbeat, resumed
 * by the server's runner). The runner loop is stopped at first so that each state can be seen.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as jobsRepo from '../../src/db/repositories/job.repository';
import { axeViolations, loginAs, newPage, startE2E, type E2E } from './support';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.jobs.stop();
});
afterAll(() => e?.close());

describe('« Recalculer » is a job the page follows', () => {
  it('waiting, running with its progress, resumed after a crash, then the result; the list is refreshed', async () => {
    const db = e.database.db;
    const page = await newPage(e);
    await loginAs(page, 'medecin');
    await page.goto('/risque/reperage');
    await page.getByRole('heading', { name: "Repérage par l'indice" }).waitFor();
    await page.getByText('Aucun niveau suggéré pour le moment').waitFor();

    await page.getByRole('button', { name: 'Recalculer' }).click();
    const block = page.getByRole('region', { name: 'Calcul du niveau suggéré' });
    await block.getByText('En attente', { exact: true }).waitFor();
    await block.getByText('En attente de démarrage…').waitFor();
    expect(await page.getByRole('button', { name: 'Recalculer' }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Another process takes the job and reports its progress: the page shows it as it goes.
    const job = await jobsRepo.claimNextJob(db, { kinds: ['risk.score_all'], staleSeconds: 60, claim: '00000000-0000-4000-8000-0000000000e2', runner: 'autre-processus' });
    expect(job).toBeDefined();
    await jobsRepo.saveJobProgress(db, job!.tenant_id, job!.id, job!.claim!, { done: 300, total: 1500 });
    await block.getByText('En cours', { exact: true }).waitFor();
    await block.getByText(/^300 \/ 1[\s\u202f]500 salariés \(20 %\)/).waitFor();
    await block.getByRole('progressbar').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A reload finds the running job again (from the service's jobs).
    await page.reload();
    await page.getByRole('region', { name: 'Calcul du niveau suggéré' }).getByText(/^300 \/ 1[\s\u202f]500 salariés/).waitFor();
    expect(await page.getByRole('button', { name: 'Recalculer' }).isDisabled()).toBe(true);

    // That process dies: its heartbeat goes stale, the server's runner resumes the job and ends it.
    await sql`update job set heartbeat_at = now() - interval '5 minutes' where id = ${job!.id}`.execute(db);
    e.jobs.start();
    const done = page.getByRole('region', { name: 'Calcul du niveau suggéré' });
    await done.getByText('Terminé', { exact: true }).waitFor();
    await done.getByText(/^Calcul terminé le /).waitFor();
    await done.getByText(/salariés évalués en .* — niveaux suggérés 0 à 3/).waitFor();
    await done.getByText(/repris 1 fois après une interruption/).waitFor();
    // The list and its header are refreshed without a reload.
    await page.getByText('modèle non validé', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Recalculer' }).isDisabled()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
