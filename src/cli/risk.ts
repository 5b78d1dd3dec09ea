/**
 * `maintien risk …`: the evaluation of the index (IGAS recommendation 17) on files, without a
 * database — gen-cohort (synthetic labelled cohort), calibrate (fits the health-record model),
 * evaluate (HTML report). Format of the cohort: docs/formats/risk-cohort.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { invalid, MaintienError } from '../domain/errors';
import { calibrateHealthModel } from '../domain/risk/evaluation/calibrate';
import { cohortCsv, parseCohortCsv, type CohortLineError } from '../domain/risk/evaluation/cohort';
import { DEFAULT_HEALTH_MODEL } from '../domain/risk/health-model';
import { generateCohort } from '../services/risk/evaluation/cohort-generator';
import { readHealthModel, runEvaluation } from '../services/risk/evaluation/evaluation-runner';
import { runJobHere, type JobRunner } from '../services/jobs/job-runner';
import { SCORE_ALL_JOB } from '../services/risk/suggestions/suggestions-recalculator';
import { withCtx } from '../services/context';
import { installHealthModel, readHealthModelSettings, resetHealthModel } from '../services/risk/model/health-model-settings';
import { defaultTenantSlug, tenantContext, withDatabase } from './context';

/** Bad lines printed on the terminal (all of them are counted). */
const PRINTED_ERRORS = 20;
/** The generator's ceiling: beyond it the evaluation itself refuses the file. */
const MAX_GENERATED = 200_000;

const workersArg = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED) throw new InvalidArgumentError(`un entier de 1 à ${MAX_GENERATED} est attendu.`);
  return n;
};
const seedArg = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError('un entier entre 0 et 4294967295 est attendu.');
  return n;
};
const thresholdsArg = (v: string): [number, number, number] => {
  // « 0.1;0.25;0.5 », « 0,1;0,25;0,5 », « 0.1 0.25 0.5 » or « 0.1,0.25,0.5 ».
  const parts = /[;\s]/.test(v.trim()) ? v.trim().split(/[;\s]+/) : v.split(',');
  const t = parts.filter(Boolean).map((s) => Number(s.replace(',', '.')));
  if (t.length !== 3 || !t.every((x) => x > 0 && x < 1) || !(t[0] < t[1] && t[1] < t[2])) {
    throw new InvalidArgumentError('trois probabilités croissantes entre 0 et 1 sont attendues, par exemple 0.1;0.25;0.5.');
  }
  return [t[0], t[1], t[2]];
};
const positiveNumber = (v: string) => {
  const n = Number(v);
  if (!(n >= 0) || !Number.isFinite(n)) throw new InvalidArgumentError('un nombre positif ou nul est attendu.');
  return n;
};

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw invalid('FICHIER_ILLISIBLE', code === 'ENOENT' ? `${what} introuvable : ${file}.` : `${what} illisible : ${file} (${code ?? 'erreur inconnue'}).`);
  }
}

function writeText(file: string, text: string) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (err) {
    throw invalid('ECRITURE_IMPOSSIBLE', `Impossible d'écrire ${file} (${(err as NodeJS.ErrnoException).code ?? 'erreur inconnue'}).`);
  }
}

function printLineErrors(errors: readonly CohortLineError[], total: number) {
  if (total === 0) return;
  console.error(`${total.toLocaleString('fr-FR')} ligne(s) écartée(s) :`);
  for (const e of errors.slice(0, PRINTED_ERRORS)) console.error(`  ligne ${e.line}${e.column ? ` (${e.column})` : ''} : ${e.message}`);
  if (total > PRINTED_ERRORS) console.error(`  … et ${(total - PRINTED_ERRORS).toLocaleString('fr-FR')} autre(s).`);
}

const today = () => new Date().toISOString().slice(0, 10);

export function registerRiskCommands(cmd: Command): void {
  const risk = cmd.command('risk').description("indice de risque de désinsertion : cohorte synthétique, calibration et évaluation (docs/risk-evaluation.md)");

  risk
    .command('gen-cohort')
    .description('écrit une cohorte synthétique étiquetée (CSV), avec une relation cachée réaliste, pour essayer calibrate et evaluate')
    .requiredOption('--workers <n>', 'nombre de salariés', workersArg)
    .option('--seed <n>', 'graine : même graine, même fichier', seedArg, 1)
    .requiredOption('--out <fichier>', 'fichier CSV à écrire')
    .action((o: { workers: number; seed: number; out: string }) => {
      const rows = generateCohort({ workers: o.workers, seed: o.seed });
      writeText(o.out, cohortCsv(rows));
      const events = rows.reduce((s, r) => s + r.issue, 0);
      console.log(`Cohorte synthétique écrite dans ${o.out} : ${o.workers.toLocaleString('fr-FR')} salariés, ${events.toLocaleString('fr-FR')} désinsertions à 12 mois (graine ${o.seed}).`);
    });

  risk
    .command('calibrate')
    .description('ajuste le modèle « dossier de santé » (régression logistique) sur une cohorte étiquetée et écrit le fichier de modèle')
    .argument('<cohorte>', 'fichier CSV de la cohorte (docs/formats/risk-cohort.md)')
    .requiredOption('--out <fichier>', 'fichier de modèle à écrire, par exemple models/health-record/mon-service-2026.json')
    .option('--id <id>', 'identifiant du modèle', DEFAULT_HEALTH_MODEL.id)
    .option('--model-version <version>', 'version du modèle (par défaut : calibre-AAAAMMJJ)')
    .option('--seuils <p1;p2;p3>', 'seuils de probabilité des niveaux 1, 2 et 3 (par défaut : ceux du modèle par défaut)', thresholdsArg)
    .option('--l2 <lambda>', 'pénalité ridge des coefficients', positiveNumber)
    .option('--validated', 'marque le modèle comme validé (seulement après une validation sur une autre cohorte)', false)
    .action((file: string, o: { out: string; id: string; modelVersion?: string; seuils?: [number, number, number]; l2?: number; validated: boolean }) => {
      const parsed = parseCohortCsv(readText(file, 'Cohorte'));
      for (const w of parsed.warnings) console.error(w);
      printLineErrors(parsed.errors, parsed.rejectedLines);
      const at = today();
      const r = calibrateHealthModel(parsed.rows, {
        id: o.id,
        version: o.modelVersion ?? `calibre-${at.replaceAll('-', '')}`,
        cohortName: basename(file),
        at,
        validated: o.validated,
        thresholds: o.seuils ?? DEFAULT_HEALTH_MODEL.thresholds,
        l2: o.l2,
      });
      writeText(o.out, JSON.stringify(r.model, null, 2) + '\n');
      for (const w of r.warnings) console.error(`Attention : ${w}`);
      console.log(`Modèle écrit dans ${o.out} (${r.model.id} ${r.model.version}, ${r.model.validated ? 'validé' : 'non validé'}) : ${parsed.rows.length.toLocaleString('fr-FR')} salariés, ${r.model.calibratedOn!.events.toLocaleString('fr-FR')} événements.`);
      console.log('Odds ratios [IC 95 %] :');
      for (const t of r.terms) console.log(`  ${t.label.padEnd(58)} ${t.oddsRatio.toFixed(2)} [${t.lower.toFixed(2)} – ${t.upper.toFixed(2)}]`);
    });

  risk
    .command('evaluate')
    .description("évalue l'indice sur une cohorte étiquetée : courbes ROC, AUC, seuils, calibration (rapport HTML autonome)")
    .argument('<cohorte>', 'fichier CSV de la cohorte (docs/formats/risk-cohort.md)')
    .option('--model <fichier>', 'modèle « dossier de santé » à évaluer (par défaut : le modèle par défaut, non validé)')
    .requiredOption('--out <fichier>', 'rapport HTML à écrire')
    .option('--json <fichier>', 'écrit aussi les résultats en JSON')
    .action((file: string, o: { model?: string; out: string; json?: string }) => {
      const model = o.model ? readHealthModel(readText(o.model, 'Modèle')) : undefined;
      const run = runEvaluation(readText(file, 'Cohorte'), { cohortName: basename(file), model, now: new Date() });
      printLineErrors(run.errors, run.rejectedLines);
      writeText(o.out, run.html);
      if (o.json) writeText(o.json, JSON.stringify(run.report, null, 2) + '\n');
      console.log(`Rapport écrit dans ${o.out} : ${run.report.cohort.n.toLocaleString('fr-FR')} salariés, ${run.report.cohort.events.toLocaleString('fr-FR')} désinsertions.`);
      for (const c of run.report.components) {
        console.log(`  ${c.label.padEnd(48)} ${c.auc ? `AUC ${c.auc.estimate.toFixed(3)} [${c.auc.lower.toFixed(3)} – ${c.auc.upper.toFixed(3)}] (n = ${c.n})` : 'non évaluée'}`);
      }
      for (const w of run.report.warnings) console.error(`Attention : ${w}`);
    });

  risk
    .command('score-all')
    .description(
      "calcule le niveau suggéré de tous les salariés d'un service (table risk_score ; jamais un niveau signé) — un traitement, comme « Recalculer » : un seul à la fois par service",
    )
    .option('--tenant <slug>', 'service (tenant) ; par défaut le seul service de la base')
    .action((o: { tenant?: string }) =>
      withDatabase(async (database) => {
        const slug = await defaultTenantSlug(database, o.tenant);
        const principal = await tenantContext(database, slug);
        // Through the job guard (docs/jobs.md): refused while the server runs one for the service;
        // Ctrl-C gives the job back « En attente » (a server resumes it).
        let runner: JobRunner | undefined;
        const interrupt = () => void runner?.stop();
        process.once('SIGINT', interrupt);
        const job = await runJobHere(database, principal, SCORE_ALL_JOB, {}, { onRunner: (r) => (runner = r) }).finally(() => process.off('SIGINT', interrupt));
        if (job.error) throw new MaintienError('conflict', job.error.code, job.error.message);
        if (job.state !== 'termine') throw new MaintienError('conflict', 'TRAITEMENT_INTERROMPU', 'Calcul interrompu : il reprendra au prochain démarrage du serveur (ou relancez cette commande).');
        console.log(job.summary ?? `${job.done.toLocaleString('fr-FR')} salariés évalués.`);
      }),
    );

  // The service's health-record model (docs/risk-index.md): show, install a model file, go back to the default one.
  const modelCmd = risk.command('model').description("modèle « dossier de santé » utilisé par l'indice du service : afficher, installer un fichier de modèle, revenir au modèle par défaut");
  const tenantOption = ['--tenant <slug>', 'service (tenant) ; par défaut le seul service de la base'] as const;
  const inTenantCtx = <T>(slug: string | undefined, fn: Parameters<typeof withCtx<T>>[2]) =>
    withDatabase(async (database) => {
      const principal = await tenantContext(database, await defaultTenantSlug(database, slug));
      return withCtx(database, principal, fn);
    });

  modelCmd
    .command('show')
    .description('affiche le modèle utilisé par le service et ses coefficients (odds ratios)')
    .option(...tenantOption)
    .action(async (o: { tenant?: string }) => printModel(await inTenantCtx(o.tenant, (ctx) => readHealthModelSettings(ctx))));

  modelCmd
    .command('install')
    .description('installe un fichier de modèle (JSON du contrat C3, par exemple écrit par « maintien risk calibrate ») comme modèle du service')
    .argument('<fichier>', 'fichier de modèle (JSON)')
    .option(...tenantOption)
    .action(async (file: string, o: { tenant?: string }) => {
      const content = readText(file, 'Modèle');
      const r = await inTenantCtx(o.tenant, (ctx) => installHealthModel(ctx, { content, fileName: basename(file) }));
      console.log(`Modèle installé : ${r.model.id} ${r.model.version}.`);
      printModel(r);
    });

  modelCmd
    .command('reset')
    .description('revient au modèle par défaut de Maintien (« modèle non validé »)')
    .option(...tenantOption)
    .action(async (o: { tenant?: string }) => {
      const r = await inTenantCtx(o.tenant, (ctx) => resetHealthModel(ctx));
      console.log('Le service utilise de nouveau le modèle par défaut de Maintien.');
      printModel(r);
    });
}

function printModel(r: Awaited<ReturnType<typeof readHealthModelSettings>>) {
  const m = r.model;
  const fr = (x: number, d: number) => x.toLocaleString('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log(`Modèle utilisé : ${m.id} ${m.version} — ${m.label}`);
  console.log(`  ${m.validated ? 'modèle validé' : m.warning}${r.isDefault ? ' ; modèle par défaut de Maintien' : ''}`);
  if (!r.isDefault) console.log(`  installé le ${r.installedAt ? new Date(r.installedAt).toISOString().slice(0, 16).replace('T', ' ') : '?'} par ${r.installedBy ?? '?'}${r.fileName ? ` (fichier ${r.fileName})` : ''}`);
  if (m.calibratedOn) console.log(`  calibré sur ${m.calibratedOn.cohort} : ${m.calibratedOn.n.toLocaleString('fr-FR')} salariés, ${m.calibratedOn.events.toLocaleString('fr-FR')} événements, le ${m.calibratedOn.at}`);
  if (r.storedModelError) console.error(`Attention : le modèle enregistré est invalide (${r.storedModelError}) ; le modèle par défaut est utilisé.`);
  console.log(`  seuils des niveaux 1, 2, 3 : ${m.thresholds.map((t) => fr(t, 2)).join(' ; ')} ; probabilité de référence ${fr(m.baselineProbability * 100, 1)} %`);
  console.log('  Odds ratios :');
  for (const c of r.coefficients) console.log(`    ${c.label.padEnd(58)} ${fr(c.oddsRatio, 2)}`);
}
