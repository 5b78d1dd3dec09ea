/**
 * Batch fixtures for the flux-admin tests: what the pipeline leaves in `import_batch`,
 * `import_rejection`, `flux_message` and `flux_quarantine` (migration 0005), written directly so
 * that the history and quarantine screens are tested on their own.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/connection';
import { findTenantBySlug } from '../../src/db/repositories/organisation.repository';

export async function tenantIdOf(database: Database, slug = 'demo') {
  return (await findTenantBySlug(database.db, slug))!.id;
}

export interface BatchFixture {
  batchId: string;
  quarantineId: string;
  workerId: string;
  nir: string;
  workerBirthDate: string;
  lineBirthDate: string;
  idArret: string;
  idMessage: string;
}

/** A finished batch of 10 lines: 6 accepted, 1 duplicate, 2 rejected, 1 quarantined (about a real worker). */
export async function insertBatchFixture(database: Database, tenantId: string, opts: { fileName?: string; emetteur?: string; type?: string } = {}): Promise<BatchFixture> {
  const db = database.db;
  const batchId = randomUUID();
  const emetteur = opts.emetteur ?? 'CPAM-593';
  const worker = await db
    .selectFrom('worker')
    .select(['id', 'nir', 'birth_name', 'first_names', 'birth_date', 'sex'])
    .where('tenant_id', '=', tenantId)
    .where('nir', 'is not', null)
    .orderBy('id')
    .offset(Math.floor(Math.random() * 50))
    .limit(1)
    .executeTakeFirstOrThrow();
  const day = Number(worker.birth_date.slice(8, 10));
  const lineBirthDate = `${worker.birth_date.slice(0, 8)}${String(day === 1 ? 2 : day - 1).padStart(2, '0')}`;
  await db
    .insertInto('import_batch')
    .values({
      tenant_id: tenantId,
      id: batchId,
      file_name: opts.fileName ?? 'arrets-cpam593-20261124.csv',
      file_sha256: randomUUID().replaceAll('-', ''),
      format: 'csv',
      emetteur,
      status: 'termine',
      lines_done: 10,
      lines: 10,
      accepted: 6,
      duplicates: 1,
      rejected: 2,
      quarantined: 1,
      warnings: JSON.stringify(['Colonne inconnue ignorée : « commentaire ».']) as never,
      file_date: '2026-11-24',
      actor_label: 'Jeton « Flux CPAM »',
      started_at: new Date(Date.now() - 60_000),
      finished_at: new Date(),
    })
    .execute();
  await db
    .insertInto('import_rejection')
    .values([
      { tenant_id: tenantId, batch_id: batchId, line: 3, emetteur, id_message: 'MSG-3', code: 'NIR_CLE', field: 'nir', message: 'La clé du NIR ne correspond pas au numéro.' },
      { tenant_id: tenantId, batch_id: batchId, line: 7, emetteur, id_message: '=cmd|MSG-7', code: 'CONSENTEMENT_ABSENT', field: 'consentement', message: "Le salarié n'a pas donné son accord ; la ligne n'est pas conservée." },
    ])
    .execute();
  const idArret = `AT-${randomUUID().slice(0, 8)}`;
  const idMessage = `MSG-Q-${randomUUID().slice(0, 8)}`;
  const payload = {
    emetteur,
    id_message: idMessage,
    id_arret: idArret,
    type_message: opts.type ?? 'initial',
    nir: worker.nir,
    nom_naissance: worker.birth_name,
    prenoms: worker.first_names,
    date_naissance: lineBirthDate,
    sexe: String(worker.sex),
    siret_employeur: '',
    date_debut: '2026-09-01',
    date_fin_prevue: '2026-12-31',
    date_fin_effective: '',
    nature: 'maladie',
    temps_partiel_therapeutique: '0',
    ald: '0',
    motif: 'duree',
    consentement: 'oui',
    date_consentement: '2026-09-15',
    contact_service_medical: '',
  };
  await db
    .insertInto('flux_message')
    .values({ tenant_id: tenantId, emetteur, id_message: idMessage, content_hash: 'abc', batch_id: batchId, line: 9, outcome: 'quarantaine', worker_id: worker.id })
    .execute();
  const q = await db
    .insertInto('flux_quarantine')
    .values({ tenant_id: tenantId, batch_id: batchId, line: 9, emetteur, id_message: idMessage, payload: JSON.stringify(payload), worker_id: worker.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { batchId, quarantineId: q.id, workerId: worker.id, nir: worker.nir!, workerBirthDate: worker.birth_date, lineBirthDate, idArret, idMessage };
}
