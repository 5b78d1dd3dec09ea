/**
 * SQL of the evaluation on the service's own cases (docs/risk-evaluation.md): every recorded exit
 * with its 12-month follow-up and, for each, the latest signed assessment of the worker signed
 * strictly before the day of the exit (service time zone) that holds its stored features.
 * Repositories never decide permissions.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

export interface ExitWithAssessmentRow {
  dossier_id: string;
  worker_id: string;
  exited_at: string;
  follow_up_12m_outcome: string | null;
  lost_to_follow_up: boolean;
  /** Any signed assessment before the exit day (with or without features). */
  any_assessment_before: boolean;
  assessment_id: string | null;
  inputs: unknown;
  final_level: number | null;
}

export async function findExitsWithAssessment(
  db: Q,
  tenantId: string,
  o: { from: string | null; to: string | null; timeZone: string },
): Promise<ExitWithAssessmentRow[]> {
  const r = await sql<ExitWithAssessmentRow>`
    select x.dossier_id, x.worker_id, x.exited_at::text as exited_at, x.follow_up_12m_outcome, x.lost_to_follow_up,
      exists (
        select 1 from risk_assessment b
        where b.tenant_id = x.tenant_id and b.worker_id = x.worker_id
          and (b.signed_at at time zone ${o.timeZone})::date < x.exited_at
      ) as any_assessment_before,
      a.id as assessment_id, a.inputs, a.final_level
    from dossier_exit x
    left join lateral (
      select ra.id, ra.inputs, ra.final_level
      from risk_assessment ra
      where ra.tenant_id = x.tenant_id and ra.worker_id = x.worker_id
        and (ra.signed_at at time zone ${o.timeZone})::date < x.exited_at
        and jsonb_typeof(ra.inputs -> 'features') = 'object'
      order by ra.signed_at desc, ra.id desc
      limit 1
    ) a on true
    where x.tenant_id = ${tenantId}
      and (${o.from}::date is null or x.exited_at >= ${o.from}::date)
      and (${o.to}::date is null or x.exited_at <= ${o.to}::date)
    order by x.worker_id, x.exited_at desc, x.dossier_id`.execute(db);
  return r.rows;
}
