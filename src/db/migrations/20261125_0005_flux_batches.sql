-- The Assurance maladie « arrêts de travail » flux (docs/formats/flux-arrets.md): batches with
-- their checkpoint (crash-safe resume), every message seen (idempotence, conflicts), rejection
-- reports (no identity data) and the quarantine of diverging identities.

create table import_batch (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  channel text not null default 'arrets_am',
  file_name text not null,
  file_sha256 text not null,
  format text not null check (format in ('csv', 'jsonl')),
  emetteur text,
  status text not null default 'en_cours' check (status in ('en_cours', 'termine', 'echec')),
  -- Checkpoint: data lines whose outcome is committed. A re-run of the same file resumes after it.
  lines_done integer not null default 0,
  lines integer not null default 0,
  accepted integer not null default 0,
  duplicates integer not null default 0,
  rejected integer not null default 0,
  quarantined integer not null default 0,
  warnings jsonb not null default '[]'::jsonb,
  file_date date not null,
  error text,
  actor_label text not null,
  actor_user_id uuid,
  actor_token_id uuid,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id)
);
create index import_batch_file_idx on import_batch (tenant_id, file_sha256, started_at desc);
create index import_batch_started_idx on import_batch (tenant_id, started_at desc);

create table flux_message (
  tenant_id uuid not null references tenant(id),
  emetteur text not null,
  id_message text not null,
  content_hash text not null,
  batch_id uuid not null,
  line integer not null,
  outcome text not null check (outcome in ('accepte', 'quarantaine')),
  arret_id uuid,
  worker_id uuid,
  received_at timestamptz not null default now(),
  primary key (tenant_id, emetteur, id_message)
);

create table import_rejection (
  tenant_id uuid not null references tenant(id),
  batch_id uuid not null,
  line integer not null,
  emetteur text,
  id_message text,
  code text not null,
  field text,
  message text not null,
  primary key (tenant_id, batch_id, line),
  foreign key (tenant_id, batch_id) references import_batch(tenant_id, id)
);

create table flux_quarantine (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  batch_id uuid not null,
  line integer not null,
  emetteur text not null,
  id_message text not null,
  code text not null default 'IDENTITE_DIVERGENTE',
  -- The line as received (identity included): sensitive, read only by those who reconcile.
  payload jsonb not null,
  worker_id uuid,
  status text not null default 'a_traiter' check (status in ('a_traiter', 'rattachee', 'rejetee')),
  resolution_note text,
  resolved_by uuid,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, emetteur, id_message),
  foreign key (tenant_id, batch_id) references import_batch(tenant_id, id)
);
create index flux_quarantine_status_idx on flux_quarantine (tenant_id, status, created_at);

do $$
declare t text;
begin
  foreach t in array array['import_batch', 'flux_message', 'import_rejection', 'flux_quarantine']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
