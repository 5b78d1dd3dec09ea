/** SQL of the dossier timeline. The category filter comes resolved from the access module. */
import type { Kysely, Selectable } from 'kysely';
import type { EntryFilter } from '../../domain/access';
import type { DB } from '../schema';

/** Kinds of timeline entries (the check constraint of migrations 0004 and 0010). */
export type TimelineKind =
  | 'note' | 'creation' | 'transition' | 'assignment' | 'signal' | 'task' | 'vpr' | 'am_return'
  | 'questionnaire' | 'risk' | 'orientation' | 'measure' | 'visit' | 'meeting' | 'referral' | 'lead' | 'message'
  | 'consent' | 'exit' | 'followup' | 'inaptitude' | 'document' | 'partner_note';

export interface NewEntry {
  /** Absent: the database chooses it. */
  id?: string;
  tenant_id: string;
  dossier_id: string;
  kind: TimelineKind;
  category: string;
  title: string | null;
  body: string;
  shared_with_worker: boolean;
  author_user_id: string | null;
  author_name: string | null;
  created_at: Date;
}

export type TimelineEntry = Selectable<DB['timeline_entry']>;

export async function insertEntry(db: Kysely<DB>, e: NewEntry): Promise<TimelineEntry> {
  return db.insertInto('timeline_entry').values(e).returningAll().executeTakeFirstOrThrow();
}

export async function findEntries(db: Kysely<DB>, tenantId: string, dossierIds: readonly string[], filter: EntryFilter, limit = 500) {
  if (filter.categories.length === 0 || dossierIds.length === 0) return [];
  let q = db
    .selectFrom('timeline_entry')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', 'in', dossierIds as string[])
    .where('category', 'in', filter.categories);
  if (filter.sharedWithWorkerOnly) q = q.where('shared_with_worker', '=', true);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}
