/**
 * `maintien` — command line of Maintien: serve the application, migrate, seed demo data,
 * verify the audit log, create accounts and API tokens.
 */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { scheduleMaintenance, vacuumAnalyze } from '../db/maintenance';
import { migrate } from '../db/migrate';
import * as orgs from '../db/repositories/organisation.repository';
import { readAuditChain, readAuditHead } from '../db/repositories/audit.repository';
import { verifyChain, type AuditFields } from '../domain/audit/chain';
import { isRole, ROLES } from '../domain/access';
import { MaintienError } from '../domain/errors';
import { buildApp } from '../http/app';
import { withCtx } from '../services/context';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../demo/seed-demo';
import { createUser } from '../services/user/user-creator';
import { createApiToken } from '../services/user/api-token-manager';
import { RULES_VERSION, runRulesRecomputeOnce } from '../services/intake/rules-recompute';
import { JobRunner, releaseOrphanJobs } from '../services/jobs/job-runner';
import { positiveInt, tenantContext, withDatabase } from './context';
import { registerIntakeCommands } from './intake';
import { registerJobCommands } from './jobs';
import { registerParcoursCommands } from './parcours';
import { registerRiskCommands } from './risk';
import { registerServiceCommands } from './service';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function serve(opts: { demo: boolean }) {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(database);
  if (applied.length) console.log(`Schéma de base de données : ${applied.length} migration(s) appliquée(s).`);
  await recomputeRules(database);
  if (opts.demo) {
    const seeded = await seedDemo(database);
    if (seeded.created) console.log('Données de démonstration créées (service « demo »).');
    printDemoAccounts();
  }
  if (database.engine === 'pglite') await vacuumAnalyze(database);
  const app = await buildApp({ database, config, version: VERSION });
  const stopMaintenance = scheduleMaintenance(database, config.vacuumEveryHours, (err) => app.log.error({ err: { type: (err as Error).name } }, 'maintenance VACUUM en échec'));
  // Long work runs as jobs (docs/jobs.md). The embedded engine belongs to this process alone: a
  // job left running by the previous one is given back at once instead of after its heartbeat.
  if (database.engine === 'pglite') await releaseOrphanJobs(database);
  const jobs = new JobRunner(database, { log: (message, fields) => app.log.error(fields, message) });
  jobs.start();
  const stop = async () => {
    stopMaintenance();
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Maintien écoute sur http://localhost:${config.port} (base : ${database.description}).`);
}

/** Once per rules version: the open rule tasks of open dossiers recomputed (services/intake/rules-recompute.ts). */
async function recomputeRules(database: Parameters<typeof runRulesRecomputeOnce>[0]) {
  for (const r of await runRulesRecomputeOnce(database)) {
    console.log(`Règles de détection (version ${RULES_VERSION}), service « ${r.slug} » : ${r.openTasks} tâche(s) ouverte(s) revue(s), ${r.moved} rattachée(s) à l'absence, ${r.cancelled} annulée(s), ${r.created} créée(s).`);
  }
}

function printDemoAccounts() {
  console.log(`\nComptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(38)} ${a.label}`);
  console.log('');
}


export function program(): Command {
  const cmd = new Command('maintien')
    .description('Maintien — plateforme des cellules de prévention de la désinsertion professionnelle')
    .version(VERSION, '-v, --version', 'affiche la version')
    .helpOption('-h, --help', "affiche l'aide")
    .addHelpCommand('help [commande]', "affiche l'aide d'une commande")
    .showHelpAfterError();

  cmd
    .command('serve')
    .description("démarre l'application (API et web) ; ne crée jamais de données par elle-même")
    .action(() => serve({ demo: false }));

  cmd
    .command('start')
    .description("démarre l'application avec les données de démonstration (créées si la base est vide) — utilisé par npm start")
    .action(() => serve({ demo: true }));

  cmd
    .command('migrate')
    .description('applique les migrations du schéma')
    .action(() =>
      withDatabase(async (database) => {
        await recomputeRules(database);
        console.log('Schéma à jour.');
      }),
    );

  const seed = cmd.command('seed').description('crée des données');
  seed
    .command('demo')
    .description('crée le service de démonstration « demo » (sans effet s’il existe déjà)')
    .action(() =>
      withDatabase(async (database) => {
        const r = await seedDemo(database);
        console.log(r.created ? 'Service de démonstration créé.' : 'Le service de démonstration existe déjà : rien à faire.');
        printDemoAccounts();
      }),
    );

  const audit = cmd.command('audit').description("journal d'audit");
  audit
    .command('verify')
    .description("vérifie la chaîne de hachage du journal d'audit (modification ou suppression d'événements)")
    .option('--tenant <slug>', 'un seul service (par défaut : tous)')
    .action((o: { tenant?: string }) =>
      withDatabase(async (database) => {
        const tenants = o.tenant ? [await orgs.findTenantBySlug(database.db, o.tenant)] : await orgs.listTenants(database.db);
        if (tenants.some((t) => !t)) throw new MaintienError('not_found', 'SERVICE_INTROUVABLE', `Aucun service « ${o.tenant} ».`);
        let bad = 0;
        for (const t of tenants) {
          const events: (AuditFields & { hash: string })[] = [];
          for await (const e of readAuditChain(database.db, t!.id)) events.push(e);
          const r = verifyChain(events, await readAuditHead(database.db, t!.id));
          if (r.problems.length === 0) console.log(`✔ ${t!.slug} : ${r.checked} événement(s), chaîne intègre.`);
          else {
            bad++;
            console.log(`✘ ${t!.slug} : ${r.problems.length} anomalie(s) sur ${r.checked} événement(s) :`);
            for (const p of r.problems) console.log(`   - [${p.code}] ${p.message}`);
          }
        }
        if (bad > 0) process.exitCode = 1;
      }),
    );

  const user = cmd.command('user').description('comptes');
  user
    .command('create')
    .description('crée un compte')
    .requiredOption('--tenant <slug>', 'service (tenant)')
    .requiredOption('--email <email>', 'adresse e-mail (identifiant de connexion)')
    .requiredOption('--name <nom>', 'nom affiché')
    .requiredOption('--role <role>', `rôle : ${ROLES.join(', ')}`)
    .option('--password <motdepasse>', 'mot de passe (sinon lu dans MAINTIEN_PASSWORD)')
    .option('--organisation <uuid>', 'organisation partenaire (agent partenaire)')
    .option('--company <uuid>', 'entreprise (employeur)')
    .option('--worker <uuid>', 'salarié (compte salarié)')
    .action((o: { tenant: string; email: string; name: string; role: string; password?: string; organisation?: string; company?: string; worker?: string }) =>
      withDatabase(async (database) => {
        if (!isRole(o.role)) throw new MaintienError('invalid', 'ROLE_INCONNU', `Rôle inconnu : « ${o.role} ». Rôles : ${ROLES.join(', ')}.`);
        const password = o.password ?? process.env.MAINTIEN_PASSWORD;
        if (!password) throw new MaintienError('invalid', 'MOT_DE_PASSE_REQUIS', 'Indiquez --password ou la variable MAINTIEN_PASSWORD.');
        const principal = await tenantContext(database, o.tenant);
        const r = await withCtx(database, principal, (ctx) =>
          createUser(ctx, loadConfig().auth, { email: o.email, displayName: o.name, password, role: o.role, organisationId: o.organisation, companyId: o.company, workerId: o.worker }),
        );
        console.log(`Compte créé : ${o.email} (${o.role}), identifiant ${r.id}.`);
      }),
    );

  const token = cmd.command('token').description("jetons d'API");
  token
    .command('create')
    .description("crée un jeton d'API pour un client machine (affiché une seule fois)")
    .requiredOption('--tenant <slug>', 'service (tenant)')
    .requiredOption('--name <nom>', 'nom du jeton')
    .requiredOption('--scope <portée...>', 'portée(s) : flux, dossiers:read')
    .option('--organisation <uuid>', 'organisation émettrice (par défaut : le SPSTI)')
    .option('--days <n>', 'durée de validité en jours', positiveInt)
    .action((o: { tenant: string; name: string; scope: string[]; organisation?: string; days?: number }) =>
      withDatabase(async (database) => {
        const principal = await tenantContext(database, o.tenant);
        const r = await withCtx(database, principal, (ctx) => createApiToken(ctx, { name: o.name, scopes: o.scope, organisationId: o.organisation, expiresInDays: o.days }));
        console.log(r.token);
      }),
    );

  registerServiceCommands(cmd);
  registerIntakeCommands(cmd);
  registerRiskCommands(cmd);
  registerParcoursCommands(cmd);
  registerJobCommands(cmd);

  cmd
    .command('bench')
    .description('lance les mesures de performance (résultats dans docs/benchmarks.md)')
    .argument('[mesure]', 'dossiers, ingest, risk, responsive ou all (par défaut : BENCH, sinon all)')
    .option('--lines <n>', 'ingest : nombre de lignes du flux (par défaut 1 000 000) ; responsive : lignes importées', positiveInt)
    .allowUnknownOption(true)
    .action(async (which: string | undefined, o: { lines?: number }) => {
      if (which) process.env.BENCH = which;
      if (o.lines !== undefined) process.env[process.env.BENCH === 'responsive' ? 'BENCH_RESPONSIVE_LINES' : 'BENCH_FLUX_LINES'] = String(o.lines);
      await import('../../bench/run');
    });

  return cmd;
}

export async function main(argv: string[]) {
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof MaintienError) {
      console.error(`Erreur [${err.code}] : ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
