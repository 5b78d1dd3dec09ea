-- Foundation schema: tenants, organisations, identities, users and sessions, dossiers, audit.
-- Every tenant table leads its keys with tenant_id (Citus-ready) and is protected by row-level
-- security: the application runs tenant work as the non-superuser role maintien_app with
-- app.tenant_id set per transaction (see src/db/tenant-tx.ts and docs/security.md).

-- The role is cluster-wide: databases migrated at the same time may race to create it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'maintien_app') then
    create role maintien_app nologin;
  end if;
exception
  when duplicate_object or unique_violation then null;
end
$$;

create or replace function app_tenant() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenant (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table tenant_counter (
  tenant_id uuid not null references tenant(id),
  name text not null,
  value bigint not null default 0,
  primary key (tenant_id, name)
);

create table company (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  siret char(14) not null,
  siren char(9) not null,
  name text not null,
  naf text,
  workforce integer check (workforce is null or workforce >= 0),
  postal_code text,
  city text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, siret)
);
create index company_name_idx on company (tenant_id, lower(name));

create table organisation (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('spsti', 'cpam', 'service_medical', 'carsat_service_social',
    'cap_emploi', 'agefiph', 'france_travail', 'transitions_pro', 'company')),
  name text not null,
  company_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, company_id) references company(tenant_id, id),
  check ((kind = 'company') = (company_id is not null))
);

create table worker (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  nir char(15),
  identity_status text not null default 'provisoire'
    check (identity_status in ('provisoire', 'recuperee', 'validee', 'qualifiee')),
  birth_name text not null,
  usage_name text,
  first_names text not null,
  birth_date date not null,
  sex smallint not null check (sex in (1, 2)),
  email text,
  phone text,
  postal_code text,
  city text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create unique index worker_nir_uq on worker (tenant_id, nir) where nir is not null;
create index worker_name_idx on worker (tenant_id, lower(birth_name), lower(first_names));

create table employment (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  company_id uuid not null,
  job_title text not null,
  pcs text,
  contract_type text not null default 'cdi'
    check (contract_type in ('cdi', 'cdd', 'interim', 'apprentissage', 'autre')),
  start_date date not null,
  end_date date,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, company_id) references company(tenant_id, id),
  check (end_date is null or end_date >= start_date)
);
create index employment_worker_idx on employment (tenant_id, worker_id);
create index employment_company_idx on employment (tenant_id, company_id);

create table app_user (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  email text not null,
  display_name text not null,
  password_hash text not null,
  worker_id uuid,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id)
);
-- e-mail is the login: unique across the whole installation.
create unique index app_user_email_uq on app_user (lower(email));

create table membership (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  organisation_id uuid not null,
  role text not null check (role in ('medecin_travail', 'infirmier', 'assistant_social', 'psychologue',
    'ergonome', 'charge_mission', 'assistant', 'admin', 'partner_agent', 'employer', 'worker')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, user_id, organisation_id, role),
  foreign key (tenant_id, user_id) references app_user(tenant_id, id),
  foreign key (tenant_id, organisation_id) references organisation(tenant_id, id)
);

create table session (
  id text primary key,               -- sha256 of the cookie token; the token itself is never stored
  tenant_id uuid not null references tenant(id),
  user_id uuid not null,
  membership_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  foreign key (tenant_id, user_id) references app_user(tenant_id, id),
  foreign key (tenant_id, membership_id) references membership(tenant_id, id)
);
create index session_user_idx on session (tenant_id, user_id);

create table api_token (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  name text not null,
  token_hash text not null unique,
  scopes text[] not null,
  organisation_id uuid not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, organisation_id) references organisation(tenant_id, id)
);

create table dossier (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  reference text not null,
  worker_id uuid not null,
  state text not null default 'signale' check (state in ('signale', 'a_evaluer', 'en_accompagnement',
    'sorti', 'suivi', 'clos', 'non_retenu', 'reoriente')),
  origin text not null check (origin in ('flux_am', 'employeur', 'medecin_conseil', 'salarie',
    'equipe', 'partenaire', 'visite')),
  summary text not null default '',
  lead_organisation_id uuid,
  fragility_level text,
  next_due_date date,
  opened_at timestamptz not null default now(),
  opened_by uuid,
  state_changed_at timestamptz not null default now(),
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (tenant_id, id),
  unique (tenant_id, reference),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, lead_organisation_id) references organisation(tenant_id, id)
);
create index dossier_worker_idx on dossier (tenant_id, worker_id);
create index dossier_due_idx on dossier (tenant_id, next_due_date, id);
create index dossier_state_due_idx on dossier (tenant_id, state, next_due_date, id);
create index dossier_updated_idx on dossier (tenant_id, updated_at desc, id);

create table dossier_assignment (
  tenant_id uuid not null references tenant(id),
  dossier_id uuid not null,
  user_id uuid not null,
  is_referent boolean not null default false,
  assigned_at timestamptz not null default now(),
  primary key (tenant_id, dossier_id, user_id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, user_id) references app_user(tenant_id, id)
);
create index dossier_assignment_user_idx on dossier_assignment (tenant_id, user_id, dossier_id);

create table dossier_transition (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  from_state text,
  to_state text not null,
  reason text,
  actor_user_id uuid,
  at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id)
);
create index dossier_transition_idx on dossier_transition (tenant_id, dossier_id, at);

create table timeline_entry (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  kind text not null check (kind in ('note', 'creation', 'transition', 'assignment')),
  category text not null check (category in ('medical', 'sensitive', 'administrative', 'employer_visible')),
  title text,
  body text not null,
  shared_with_worker boolean not null default false,
  author_user_id uuid,
  author_name text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id)
);
create index timeline_entry_dossier_idx on timeline_entry (tenant_id, dossier_id, created_at desc);

create table consent (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  purpose text not null,
  recipient_organisation_id uuid not null,
  granted_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  recorded_by uuid,
  source text not null default 'professionnel',
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, recipient_organisation_id) references organisation(tenant_id, id)
);
create index consent_recipient_idx on consent (tenant_id, recipient_organisation_id, worker_id)
  where withdrawn_at is null;
create index consent_worker_idx on consent (tenant_id, worker_id);

-- Append-only, hash-chained audit log (one chain per tenant). audit_head anchors the chain's end
-- so that deleting the newest events is detected too.
create table audit_event (
  tenant_id uuid not null references tenant(id),
  seq bigint not null,
  at timestamptz not null,
  actor_user_id uuid,
  actor_token_id uuid,
  actor_label text not null,
  action text not null,
  subject_type text not null,
  subject_id text,
  category text,
  purpose text,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
create index audit_event_subject_idx on audit_event (tenant_id, subject_type, subject_id);
create index audit_event_actor_idx on audit_event (tenant_id, actor_user_id, seq);

create table audit_head (
  tenant_id uuid primary key references tenant(id),
  seq bigint not null,
  hash text not null
);

create or replace function audit_event_immutable() returns trigger
  language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end
$$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_immutable();

-- Row-level security: tenant isolation for the application role.
do $$
declare t text;
begin
  foreach t in array array['tenant_counter', 'company', 'organisation', 'worker', 'employment',
    'app_user', 'membership', 'session', 'api_token', 'dossier', 'dossier_assignment',
    'dossier_transition', 'timeline_entry', 'consent', 'audit_event', 'audit_head']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
alter table tenant enable row level security;
create policy tenant_isolation on tenant using (id = app_tenant());
grant select on tenant to maintien_app;
revoke update, delete on audit_event from maintien_app;
