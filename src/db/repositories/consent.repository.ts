/** SQL of consents (the worker's agreement to share with a partner organisation). */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/** Organisations holding a current (not withdrawn) consent of the worker. */
export async function findConsentedOrganisationIds(db: Kysely<DB>, tenantId: string, workerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('consent')
    .select('recipient_organisation_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('withdrawn_at', 'is', null)
    // The agreement to send job information back to the AM (L4622-2-1) shares no dossier.
    .where('purpose', '<>', 'retour_am_poste')
    .execute();
  return rows.map((r) => r.recipient_organisation_id);
}
