/** SQL of the exit of a case and its follow-up (contract C6). Never decides permissions. */
import { sql, type Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DB } from '../schema';
import type { DossierExitTable } from '../schema-parcours/visits';

type Q = Kysely<DB>;

export async function insertExit(db: Q, row: Insertable<DossierExitTable>) {
  await db.insertInto('dossier_exit').values(row).execute();
}

export async function findExit(db: Q, tenantId: string, dossierId: string, forUpdate = false) {
  let q = db.selectFrom('dossier_exit').selectAll().where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateFollowUp(db: Q, tenantId: string, dossierId: string, horizon: 6 | 12, outcome: string, on: string, lost: boolean, at: Date) {
  const set =
    horizon === 6
      ? { follow_up_6m_outcome: outcome, follow_up_6m_at: on, lost_to_follow_up: lost, updated_at: at }
      : { follow_up_12m_outcome: outcome, follow_up_12m_at: on, lost_to_follow_up: lost, updated_at: at };
  await db.updateTable('dossier_exit').set(set).where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId).execute();
}

/** Closes the open task of a rule for a subject (the follow-up was recorded); returns its id. */
export async function closeRuleTask(db: Q, tenantId: string, ruleId: string, subjectRef: string, userId: string | null, at: Date) {
  const r = await db
    .updateTable('task')
    .set({ status: 'fait', done_at: at, done_by: userId })
    .where('tenant_id', '=', tenantId)
    .where('rule_id', '=', ruleId)
    .where('subject_ref', '=', subjectRef)
    .where('status', '=', 'a_faire')
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function findFollowUpTasks(db: Q, tenantId: string, subjectRef: string, ruleIds: readonly string[]) {
  return db
    .selectFrom('task')
    .select(['id', 'rule_id', 'due_date', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('subject_ref', '=', subjectRef)
    .where('rule_id', 'in', ruleIds as string[])
    .execute();
}

/** Workers lost to follow-up, to re-contact: their contact details and the case. */
export async function findLostToFollowUp(db: Q, tenantId: string, limit: number) {
  return db
    .selectFrom('dossier_exit as x')
    .innerJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'x.tenant_id').onRef('d.id', '=', 'x.dossier_id'))
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'x.tenant_id').onRef('w.id', '=', 'x.worker_id'))
    .select([
      'x.dossier_id',
      'x.worker_id',
      'x.outcome',
      'x.exited_at',
      'x.follow_up_6m_outcome',
      'x.follow_up_6m_at',
      'x.follow_up_12m_outcome',
      'x.follow_up_12m_at',
      'd.reference',
      'd.state',
      'w.birth_name',
      'w.usage_name',
      'w.first_names',
      'w.phone',
      'w.email',
    ])
    .where('x.tenant_id', '=', tenantId)
    .where('x.lost_to_follow_up', '=', true)
    .orderBy('x.exited_at')
    .orderBy('x.dossier_id')
    .limit(limit)
    .execute();
}

/** Exit counts by outcome (for the page header). */
export async function countExitsByOutcome(db: Q, tenantId: string) {
  return db
    .selectFrom('dossier_exit')
    .select(['outcome', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('outcome')
    .execute();
}
