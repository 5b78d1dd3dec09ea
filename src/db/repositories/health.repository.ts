/** The health check's query: answers when the database does (reads one tenant id). */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export async function checkDatabase(db: Kysely<DB>): Promise<void> {
  await db.selectFrom('tenant').select('id').limit(1).execute();
}
