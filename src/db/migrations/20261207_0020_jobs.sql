-- Jobs (issue 14, item 3; docs/jobs.md): long work — « Recalculer » of the index today, the flux
-- import and the imports and exports of the next issues later — recorded in the database, run by
-- a runner loop of the server (or by the command line in its own process), resumed after a crash.
--
-- One at a time per service and kind: the partial unique index below is the guard, so that every
-- process sharing the database agrees (a second start gets a unique violation → 409).
-- A runner owns a job while `claim` is its token and `heartbeat_at` is recent; every write of a
-- runner names its claim, so a runner that lost its job (taken over after a stale heartbeat) can
-- no longer touch it.
create table job (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  kind text not null,
  state text not null default 'en_attente' check (state in ('en_attente', 'en_cours', 'termine', 'en_echec')),
  -- What the kind needs to run (no health data, no NIR: ids and options only).
  params jsonb not null default '{}'::jsonb,
  -- Who started it: the principal as the services know it (ids, role, label), so the job's audit
  -- events name the person who asked for it.
  started_by jsonb not null,
  started_by_label text not null,
  -- Progress: units done of total (null while unknown), counts by the kind's keys, and the
  -- kind's own resume point (written by the kind, given back to it on resume).
  done integer not null default 0 check (done >= 0),
  total integer check (total >= 0),
  counts jsonb not null default '{}'::jsonb,
  cursor jsonb,
  -- The report when finished (kind-specific), and its one-line French summary.
  result jsonb,
  summary text,
  -- A failure: stable code and French message (never a stack trace).
  error_code text,
  error_message text,
  -- Ownership by a runner.
  claim uuid,
  runner text,
  attempts integer not null default 0,
  heartbeat_at timestamptz,
  -- Rate and time left are measured over the current attempt.
  attempt_started_at timestamptz,
  attempt_done_start integer not null default 0,
  progress_at timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  primary key (tenant_id, id),
  check ((state in ('termine', 'en_echec')) = (finished_at is not null)),
  check (state <> 'en_echec' or (error_code is not null and error_message is not null))
);

-- The guard: one waiting or running job per service and kind.
create unique index job_one_active on job (tenant_id, kind) where state in ('en_attente', 'en_cours');
-- The runner loop: waiting jobs, oldest first, and running ones whose heartbeat went stale.
create index job_to_claim on job (state, created_at) where state in ('en_attente', 'en_cours');
-- Lists per service and kind, newest first.
create index job_by_kind on job (tenant_id, kind, created_at desc);

alter table job enable row level security;
create policy tenant_isolation on job using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on job to maintien_app;
