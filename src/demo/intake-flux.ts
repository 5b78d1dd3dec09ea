/**
 * Demo content of the AM flux operations: two synthetic files (src/demo/arrets-generator.ts)
 * ingested through the real pipeline as the CPAM's API token would, so that « Imports du flux »
 * shows batches with rejections and « Identités à rapprocher » has lines to reconcile. Some
 * lines are about real demo workers (same NIR and identity), a few about them with another
 * birth date (→ quarantine). Deterministic for a given `now`.
 *
 * « Hors périmètre » (issue 14 item 2): besides the generated lines whose SIRET is absent, the
 * ELSM file ends with a few lines the cell can try « Prendre en charge » on — three of an employer
 * unknown to the service (the cell names the member company), one of a company in the base that is
 * not a member (refused until it joins).
 */
import { Readable } from 'node:stream';
import type { Database } from '../db/connection';
import * as companies from '../db/repositories/company.repository';
import * as demoRepo from '../db/repositories/demo.repository';
import * as fluxAdmin from '../db/repositories/flux-admin.repository';
import { nirKey } from '../domain/identity/nir';
import { luhnCheckDigit, makeSiret } from '../domain/identity/siret';
import { generateArretChunks, toCsvLine } from './arrets-generator';
import { systemPrincipal, withCtx } from '../services/context';
import { fluxCliPrincipal, ingestArrets } from '../services/intake/flux-ingester';

const DAY = 86_400_000;

const FILES = [
  { emetteur: 'CPAM-593', daysAgo: 8, lines: 320, seed: 593 },
  { emetteur: 'ELSM-59', daysAgo: 1, lines: 160, seed: 59 },
] as const;

export async function seedFluxDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const spsti = await demoRepo.findSpsti(database.db, tenantId);
  const pool = await withCtx(database, systemPrincipal(tenantId, spsti.id, 'Système (données de démonstration)'), (ctx) => fluxAdmin.findGeneratorPool(ctx.trx, tenantId, 400), now);
  // After the pool: the generated lines never name the non-member company.
  await withCtx(database, systemPrincipal(tenantId, spsti.id, 'Système (données de démonstration)'), (ctx) => companies.insertCompany(ctx.trx, { tenant_id: tenantId, ...NON_MEMBER, naf: '1623Z', workforce: 18, member: false }), now);
  for (const f of FILES) {
    const fileDate = new Date(now.getTime() - f.daysAgo * DAY).toISOString().slice(0, 10);
    const generated = generateArretChunks({ lines: f.lines, seed: f.seed, fileDate, emetteur: f.emetteur, pool, divergentRate: 0.03 });
    const stream = Readable.from(f.emetteur === 'ELSM-59' ? withOutOfScope(generated, f.emetteur, fileDate) : generated, { objectMode: false });
    const principal = fluxCliPrincipal(tenantId, spsti.id, `Jeton « Flux ${f.emetteur} »`);
    await ingestArrets(database, principal, { stream, fileName: `arrets-${f.emetteur.toLowerCase()}-${fileDate.replaceAll('-', '')}.csv`, format: 'csv', fileDate });
  }
}

/** A company of the base that has not joined the service (its flux lines stay « Hors périmètre »). */
const NON_MEMBER = (() => {
  const siren = '81234567' + luhnCheckDigit('81234567');
  return { siret: makeSiret(siren, '0001'), siren, name: 'Menuiserie Deschamps et Fils', postal_code: '59200', city: 'Tourcoing' };
})();
/** An employer the service does not know at all (SIRET in no company of the base). */
const UNKNOWN_SIRET = (() => {
  const siren = '82345678' + luhnCheckDigit('82345678');
  return makeSiret(siren, '0002');
})();

const iso = (d: number) => new Date(d).toISOString().slice(0, 10);

/** The generated file, then the demo's out-of-scope lines (each one a distinct synthetic worker). */
function* withOutOfScope(generated: Generator<string>, emetteur: string, fileDate: string): Generator<string> {
  yield* generated;
  const day = Date.parse(`${fileDate}T00:00:00Z`);
  const people = [
    { n: 1, sex: '2', birth: '1986-03-14', name: 'VASSEUR', first: 'Amandine', siret: UNKNOWN_SIRET, startAgo: 38, prolongation: true },
    { n: 2, sex: '1', birth: '1972-11-02', name: 'DELANNOY', first: 'Patrick', siret: UNKNOWN_SIRET, startAgo: 64, prolongation: false },
    { n: 3, sex: '1', birth: '1990-07-21', name: 'MERCIER', first: 'Kevin', siret: NON_MEMBER.siret, startAgo: 47, prolongation: false },
  ];
  const lines: string[] = [];
  for (const p of people) {
    const first13 = `${p.sex}${p.birth.slice(2, 4)}${p.birth.slice(5, 7)}80998${String(900 + p.n).padStart(3, '0')}`;
    const nir = first13 + nirKey(first13);
    const start = day - p.startAgo * DAY;
    const base = {
      emetteur,
      id_arret: `AT59HP${fileDate.replaceAll('-', '')}${p.n}`,
      nir,
      nom_naissance: p.name,
      prenoms: p.first,
      date_naissance: p.birth,
      sexe: p.sex,
      siret_employeur: p.siret,
      date_debut: iso(start),
      date_fin_effective: '',
      nature: 'maladie',
      temps_partiel_therapeutique: '0',
      ald: '0',
      motif: 'duree',
      consentement: 'oui',
      date_consentement: iso(start + 3 * DAY),
      contact_service_medical: `service-medical.${emetteur.toLowerCase()}@assurance-maladie.example`,
    };
    lines.push(toCsvLine({ ...base, id_message: `${emetteur}-HP-${fileDate.replaceAll('-', '')}-${p.n}1`, type_message: 'initial', date_fin_prevue: iso(start + 45 * DAY) }));
    if (p.prolongation) {
      lines.push(toCsvLine({ ...base, id_message: `${emetteur}-HP-${fileDate.replaceAll('-', '')}-${p.n}2`, type_message: 'prolongation', date_fin_prevue: iso(start + 75 * DAY) }));
    }
  }
  yield lines.join('\n') + '\n';
}
