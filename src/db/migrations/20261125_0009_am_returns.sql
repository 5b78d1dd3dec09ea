-- Information back to the Assurance maladie (C. trav. L4622-2-1; docs/formats/retours-am.md):
-- one row per accompaniment communicated for an arrêt received by the AM flux, with its delivery
-- status. Job information is stored as recorded but leaves only while the worker's consent
-- (consent.purpose = 'retour_am_poste') is current.

create table am_return (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  -- Stable id given to the Assurance maladie (RAM-<32 hex>, derived from the natural key below).
  message_id text not null,
  -- Position in the outbox (cursor of GET /am-returns/outbox); a new one when re-queued.
  seq bigint not null,
  dossier_id uuid not null,
  worker_id uuid not null,
  arret_id uuid not null,
  -- The flux issuer of the arrêt (e.g. CPAM-593) and its id of the episode.
  destinataire text not null,
  id_arret text not null,
  type_code text not null,
  accompaniment_date date not null,
  -- Administrative comment (never medical content).
  comment text not null default '',
  job_title text,
  job_pcs text,
  job_rome text,
  working_conditions text,
  status text not null default 'a_transmettre' check (status in ('a_transmettre', 'transmis', 'accuse', 'en_erreur')),
  channel text check (channel in ('fichier', 'api')),
  -- Whether the last transmission carried the job information (consent current at that moment).
  job_included boolean,
  transmissions integer not null default 0,
  transmitted_at timestamptz,
  acknowledged_at timestamptz,
  error text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, message_id),
  -- Recording the same accompaniment twice makes one message.
  unique (tenant_id, arret_id, type_code, accompaniment_date),
  unique (tenant_id, seq),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, arret_id) references arret(tenant_id, id)
);
create index am_return_status_idx on am_return (tenant_id, status, seq);
create index am_return_destinataire_idx on am_return (tenant_id, destinataire, status, seq);
create index am_return_dossier_idx on am_return (tenant_id, dossier_id, created_at desc);

-- The consent lookup of the job information (worker, purpose, current).
create index if not exists consent_worker_purpose_idx on consent (tenant_id, worker_id, purpose) where withdrawn_at is null;

do $$
declare t text;
begin
  foreach t in array array['am_return']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
