/** SQL of the secure messages between the cell and a partner about one case (C8 case_message). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

export async function findThread(db: Q, tenantId: string, dossierId: string, organisationId: string, limit = 500) {
  return db
    .selectFrom('case_message')
    .select(['id', 'sender_side', 'sender_name', 'body', 'created_at', 'read_at'])
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', '=', dossierId)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function insertMessage(
  db: Q,
  row: { tenant_id: string; dossier_id: string; organisation_id: string; sender_side: string; sender_user_id: string | null; sender_name: string; body: string; created_at: Date },
) {
  return db.insertInto('case_message').values(row).returning(['id', 'sender_side', 'sender_name', 'body', 'created_at', 'read_at']).executeTakeFirstOrThrow();
}

/** Marks as read the messages the other side sent in the thread; returns how many. */
export async function markThreadRead(db: Q, tenantId: string, dossierId: string, organisationId: string, senderSide: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('case_message')
    .set({ read_at: at })
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', '=', dossierId)
    .where('organisation_id', '=', organisationId)
    .where('sender_side', '=', senderSide)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Unread messages sent by `senderSide`, per thread, for the given dossiers (and organisation, for a partner). */
export async function countUnread(db: Q, tenantId: string, dossierIds: readonly string[], senderSide: string, organisationId?: string) {
  if (dossierIds.length === 0) return [];
  let q = db
    .selectFrom('case_message')
    .select(['dossier_id', 'organisation_id', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', 'in', dossierIds as string[])
    .where('sender_side', '=', senderSide)
    .where('read_at', 'is', null);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  return q.groupBy(['dossier_id', 'organisation_id']).execute();
}

/** Threads of a dossier (one per organisation that wrote or was written to), with their last message. */
export async function findThreadsOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db
    .selectFrom('case_message as m')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.organisation_id'))
    .select(['m.organisation_id', 'o.name as organisation_name', 'o.kind as organisation_kind', sql<Date>`max(m.created_at)`.as('last_at'), sql<number>`count(*)::int`.as('n')])
    .where('m.tenant_id', '=', tenantId)
    .where('m.dossier_id', '=', dossierId)
    .groupBy(['m.organisation_id', 'o.name', 'o.kind'])
    .execute();
}
