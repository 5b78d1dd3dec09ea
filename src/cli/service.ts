/**
 * `maintien service …`: create a service (tenant) on a fresh base — its first step before the
 * first administrator (`maintien user create --role admin`) — and list the services of a base.
 */
import type { Command } from 'commander';
import { createService, listServices } from '../services/admin/service-creator';
import { withDatabase } from './context';

export function registerServiceCommands(cmd: Command): void {
  const service = cmd.command('service').description('services (SPSTI) hébergés par cette base');
  service
    .command('create')
    .description('crée un service et son organisation SPSTI (ensuite : son premier administrateur)')
    .requiredOption('--slug <identifiant>', 'identifiant court : minuscules, chiffres, tirets (ex. sante-travail-nord)')
    .requiredOption('--name <nom>', 'nom du service (ex. « Santé Travail Nord »)')
    .option('--siret <siret>', 'SIRET du service (14 chiffres, contrôlé)')
    .action((o: { slug: string; name: string; siret?: string }) =>
      withDatabase(async (database) => {
        const s = await createService(database, { slug: o.slug, name: o.name, siret: o.siret });
        console.log(`Service créé : ${s.slug} — ${s.name}${s.siret ? ` (SIRET ${s.siret})` : ''}.`);
        console.log('Étape suivante, créez le premier administrateur :');
        console.log(`  maintien user create --tenant ${s.slug} --role admin --email … --name … (mot de passe : --password ou MAINTIEN_PASSWORD)`);
      }),
    );
  service
    .command('list')
    .description('liste les services : identifiant, nom, nombre de comptes')
    .action(() =>
      withDatabase(async (database) => {
        const rows = await listServices(database);
        if (rows.length === 0) {
          console.log('Aucun service dans cette base : créez-en un avec maintien service create --slug … --name ….');
          return;
        }
        const slugWidth = Math.max(...rows.map((r) => r.slug.length));
        const nameWidth = Math.max(...rows.map((r) => r.name.length));
        for (const r of rows) console.log(`${r.slug.padEnd(slugWidth)}  ${r.name.padEnd(nameWidth)}  ${r.accounts} compte(s)`);
      }),
    );
}
