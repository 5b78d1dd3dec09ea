/**
 * SQL of the bulk suggestions read back (docs/risk-suggestions.md): the tenant's last
 * `risk score-all` run, and the worklist « Repérage par l'indice » — workers whose suggested level
 * is high and who have no signed assessment since a given time. Written by
 * services/risk/assessment/score-all.ts through risk-assessment.repository; read only here.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

/** The tenant's last run (one row per tenant), or undefined when score-all never ran. */
export async function findRiskScoreRun(db: Q, tenantId: string) {
  return db.selectFrom('risk_score_run').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

export interface SuggestionFilter {
  tenantId: string;
  /** Lowest suggested level listed (1–3). */
  minLevel: number;
  /** Workers with a signed assessment at or after this instant are left out. */
  since: Date;
}

/**
 * Workers of the worklist per suggested level (levels ≥ 1 only; the filter's `minLevel` is applied
 * by the caller when it sums them), in one pass over the tenant's suggestions.
 */
export async function countSuggestionsByLevel(db: Q, f: Pick<SuggestionFilter, 'tenantId' | 'since'>): Promise<Map<number, number>> {
  const { rows } = await sql<{ level: number; n: number }>`
    select rs.suggested_level as level, count(*)::int as n
    from risk_score rs
    where rs.tenant_id = ${f.tenantId} and rs.suggested_level >= 1
      and not exists (select 1 from risk_assessment ra
                      where ra.tenant_id = rs.tenant_id and ra.worker_id = rs.worker_id and ra.signed_at >= ${f.since})
    group by rs.suggested_level`.execute(db);
  return new Map(rows.map((r) => [Number(r.level), Number(r.n)]));
}

export interface SuggestionRow {
  worker_id: string;
  suggested_level: number;
  health_probability: number;
  birth_name: string;
  usage_name: string | null;
  first_names: string;
  birth_date: string;
  company_id: string | null;
  company_name: string | null;
  job_title: string | null;
  dossier_id: string | null;
  dossier_reference: string | null;
  dossier_state: string | null;
  last_level: number | null;
  last_signed_at: Date | null;
}

/**
 * One page of the worklist, by suggested level then health probability (highest first), worker id
 * to break ties. The page is cut first; the worker, his current employer, his open dossier and his
 * last signed assessment are then read for the page's rows only.
 */
export async function findSuggestionsPage(
  db: Q,
  f: SuggestionFilter & { today: string; openStates: readonly string[]; limit: number; offset: number },
): Promise<SuggestionRow[]> {
  const { rows } = await sql<SuggestionRow>`
    with page as (
      select rs.worker_id, rs.suggested_level, rs.health_probability
      from risk_score rs
      where rs.tenant_id = ${f.tenantId} and rs.suggested_level >= ${f.minLevel}
        and not exists (select 1 from risk_assessment ra
                        where ra.tenant_id = rs.tenant_id and ra.worker_id = rs.worker_id and ra.signed_at >= ${f.since})
      order by rs.suggested_level desc, rs.health_probability desc, rs.worker_id
      limit ${f.limit} offset ${f.offset}
    )
    select p.worker_id, p.suggested_level, p.health_probability,
           w.birth_name, w.usage_name, w.first_names, to_char(w.birth_date, 'YYYY-MM-DD') as birth_date,
           em.company_id, em.company_name, em.job_title,
           d.id as dossier_id, d.reference as dossier_reference, d.state as dossier_state,
           la.final_level as last_level, la.signed_at as last_signed_at
    from page p
    join worker w on w.tenant_id = ${f.tenantId} and w.id = p.worker_id
    left join lateral (
      select e.company_id, c.name as company_name, e.job_title
      from employment e join company c on c.tenant_id = e.tenant_id and c.id = e.company_id
      where e.tenant_id = ${f.tenantId} and e.worker_id = p.worker_id
        and e.start_date <= ${f.today}::date and (e.end_date is null or e.end_date >= ${f.today}::date)
      order by e.start_date desc, e.id
      limit 1
    ) em on true
    left join lateral (
      select d.id, d.reference, d.state
      from dossier d
      where d.tenant_id = ${f.tenantId} and d.worker_id = p.worker_id and d.state = any(${[...f.openStates]}::text[])
      order by d.opened_at desc, d.id
      limit 1
    ) d on true
    left join lateral (
      select ra.final_level, ra.signed_at
      from risk_assessment ra
      where ra.tenant_id = ${f.tenantId} and ra.worker_id = p.worker_id
      order by ra.signed_at desc, ra.created_at desc
      limit 1
    ) la on true
    order by p.suggested_level desc, p.health_probability desc, p.worker_id`.execute(db);
  return rows;
}
