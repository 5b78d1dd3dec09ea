-- Parcours (issue 6): the measures of the plan de maintien of a dossier (catalogue code and
-- version, status flow, periods with their renewals) and the approvals each one needs
-- (médecin conseil, employer, médecin traitant, MT, CPAM convention…), who gave them and when.

create table measure (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  worker_id uuid not null,
  catalogue_code text not null,
  catalogue_version text not null,
  status text not null default 'proposee'
    check (status in ('proposee', 'en_attente_accord', 'accordee', 'en_cours', 'terminee', 'refusee', 'abandonnee')),
  start_date date not null,
  end_date date,
  -- The first period and each renewal: [{ "start": "YYYY-MM-DD", "end": "YYYY-MM-DD" | null }].
  periods jsonb not null,
  renewals integer not null default 0 check (renewals >= 0),
  -- Free text of the professionals (may describe the situation: sensitive, never shown to the employer).
  details text,
  -- What the employer may read of it (never health data): e.g. « poste de jour, tutrice Mme X ».
  employer_note text,
  shared_with_worker boolean not null default false,
  employer_visible boolean not null default false,
  status_reason text,
  proposed_by uuid,
  proposed_by_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  ended_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  check (end_date is null or end_date >= start_date)
);
create index measure_dossier_idx on measure (tenant_id, dossier_id, created_at desc);
create index measure_worker_idx on measure (tenant_id, worker_id, created_at desc);
create index measure_status_idx on measure (tenant_id, status, catalogue_code);

create table measure_approval (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  measure_id uuid not null,
  kind text not null,
  decision text not null check (decision in ('accord', 'refus')),
  decided_on date not null,
  -- Who gave it: a name, and the role or organisation (« Dr X, service médical de la CPAM du Nord »).
  by_name text not null,
  by_organisation text not null,
  note text,
  recorded_by uuid,
  recorded_by_name text not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, measure_id) references measure(tenant_id, id) on delete cascade
);
create index measure_approval_measure_idx on measure_approval (tenant_id, measure_id, recorded_at);

do $$
declare t text;
begin
  foreach t in array array['measure', 'measure_approval']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
