-- Bulk suggestions (`maintien risk score-all`), made lean for a million workers.
--
-- risk_score keeps per worker only what differs between workers (probability, level); what a
-- run has in common (algorithm, model, time, counts) moves to risk_score_run, one row per
-- tenant: its last run, written in the same transaction as the rows it describes.
alter table risk_score drop column algorithm_id, drop column algorithm_version, drop column computed_at;
-- A run rewrites every row: half-empty pages let each replacement be a HOT update (same page, no
-- new index entry), so runs neither grow the table nor its key, even without autovacuum (PGlite).
alter table risk_score set (fillfactor = 50);

create table risk_score_run (
  tenant_id uuid primary key references tenant(id),
  algorithm_id text not null,
  algorithm_version text not null,
  model_id text not null,
  model_version text not null,
  model_validated boolean not null,
  computed_at timestamptz not null,
  workers integer not null check (workers >= 0),
  -- Workers per suggested level 0, 1, 2, 3.
  level_counts integer[] not null check (cardinality(level_counts) = 4)
);
alter table risk_score_run enable row level security;
create policy tenant_isolation on risk_score_run using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update, delete on risk_score_run to maintien_app;
