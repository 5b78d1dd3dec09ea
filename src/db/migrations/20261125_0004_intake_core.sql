-- Intake core: sick-leave episodes (arrêts), signals of every source, and tasks. The tables of
-- each intake channel (AM flux batches, employer declarations, VPR orientations, returns to the
-- Assurance maladie) come in their own migrations.

create table arret (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  source text not null check (source in ('flux_am', 'employeur', 'salarie', 'equipe')),
  -- AM flux: issuer code and the issuer's id of the episode (prolongations and ends refer to it).
  emetteur text,
  external_id text,
  nature text not null check (nature in ('maladie', 'accident_travail', 'maladie_professionnelle', 'maternite')),
  start_date date not null,
  expected_end_date date,
  actual_end_date date,
  ald boolean not null default false,
  temps_partiel_therapeutique boolean not null default false,
  company_id uuid,
  cancelled_at timestamptz,
  -- A prolongation or an end received for an episode we never saw: created, and flagged.
  needs_review boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, company_id) references company(tenant_id, id),
  check (expected_end_date is null or expected_end_date >= start_date),
  check (actual_end_date is null or actual_end_date >= start_date)
);
create unique index arret_external_uq on arret (tenant_id, emetteur, external_id) where external_id is not null;
create index arret_worker_idx on arret (tenant_id, worker_id, start_date desc);
create index arret_start_idx on arret (tenant_id, start_date);

create table signal (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  dossier_id uuid,
  source text not null check (source in ('flux_am', 'employeur', 'medecin_conseil', 'salarie', 'equipe', 'partenaire', 'visite')),
  kind text not null check (kind in ('arret', 'declaration_arret', 'vpr_orientation', 'saisine')),
  -- Administrative reason (flux motif code, or the saisine's reason): never clinical content.
  reason text not null,
  received_at timestamptz not null default now(),
  consent_given boolean not null,
  consent_date date,
  arret_id uuid,
  author_user_id uuid,
  author_organisation_id uuid,
  -- Where it came from inside its channel (batch line, declaration, fiche de liaison…).
  origin_table text,
  origin_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, arret_id) references arret(tenant_id, id)
);
create index signal_worker_idx on signal (tenant_id, worker_id, received_at desc);
create index signal_dossier_idx on signal (tenant_id, dossier_id, received_at desc);
create index signal_received_idx on signal (tenant_id, received_at desc);
create unique index signal_origin_uq on signal (tenant_id, origin_table, origin_id) where origin_id is not null;

create table task (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  dossier_id uuid,
  kind text not null,
  title text not null,
  due_date date,
  status text not null default 'a_faire' check (status in ('a_faire', 'fait', 'annule')),
  owner_user_id uuid,
  -- The rule that created it and what it was about: (rule, subject) is unique, so evaluating
  -- the rules again never duplicates a task.
  rule_id text,
  subject_ref text,
  created_at timestamptz not null default now(),
  done_at timestamptz,
  done_by uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id)
);
create unique index task_rule_uq on task (tenant_id, rule_id, subject_ref) where rule_id is not null;
create index task_owner_idx on task (tenant_id, owner_user_id, status, due_date);
create index task_dossier_idx on task (tenant_id, dossier_id, status, due_date);
create index task_status_due_idx on task (tenant_id, status, due_date);

-- Service settings (editable configuration, e.g. the numbers of the intake rules).
create table tenant_setting (
  tenant_id uuid not null references tenant(id),
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (tenant_id, key)
);

do $$
declare t text;
begin
  foreach t in array array['arret', 'signal', 'task', 'tenant_setting']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;

alter table timeline_entry drop constraint timeline_entry_kind_check;
alter table timeline_entry add constraint timeline_entry_kind_check
  check (kind in ('note', 'creation', 'transition', 'assignment', 'signal', 'task', 'vpr', 'am_return'));
