-- The other intake channels (docs/signals.md): employer declarations of arrêts > 30 days,
-- fiches de liaison of the médecin conseil (orientation to a visite de pré-reprise) with the
-- cell's answer, and saisines of the cell. Each accepted item also becomes a `signal` (0004).

-- Employer declarations (IGAS recommendation 16). A declaration is unique per company, worker
-- identity and start date: re-sending the same form or CSV file changes nothing.
create table employer_declaration (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  company_id uuid not null,
  -- Null while the worker is not identified (« À vérifier »): the cell attaches him later.
  worker_id uuid,
  status text not null default 'recue' check (status in ('recue', 'a_verifier')),
  -- Identity as declared (kept for the cell to identify the worker; never shown to others).
  birth_name text not null,
  first_names text not null,
  birth_date date not null,
  nir char(15),
  -- Normalised name + first name + birth date: the idempotence key with company and start date.
  identity_key text not null,
  start_date date not null,
  expected_end_date date not null,
  nature text not null check (nature in ('maladie', 'accident_travail', 'maladie_professionnelle', 'maternite')),
  -- R4624-29 / L4624-2-4: the employer must inform the worker of the pré-reprise visit.
  worker_informed_vpr boolean not null default false,
  channel text not null check (channel in ('formulaire', 'csv')),
  arret_id uuid,
  signal_id uuid,
  dossier_id uuid,
  declared_by uuid,
  declared_at timestamptz not null default now(),
  resolved_by uuid,
  resolved_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, company_id) references company(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, arret_id) references arret(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  check (expected_end_date >= start_date),
  check ((status = 'a_verifier') = (worker_id is null))
);
create unique index employer_declaration_uq on employer_declaration (tenant_id, company_id, identity_key, start_date);
create index employer_declaration_company_idx on employer_declaration (tenant_id, company_id, declared_at desc);
create index employer_declaration_status_idx on employer_declaration (tenant_id, status, declared_at desc);

-- Fiches de liaison: a médecin conseil orients a worker to a visite de pré-reprise (seed 004,
-- Hainaut practice); the cell answers what followed, and the answer goes back to him.
create table vpr_orientation (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  organisation_id uuid not null,
  filed_by uuid,
  filed_by_name text not null,
  -- How to reach the médecin conseil (name, e-mail or phone): administrative.
  contact text not null,
  -- « Motif de l'orientation »: administrative, never a diagnosis.
  reason text not null,
  consent_date date not null,
  status text not null default 'en_attente' check (status in ('en_attente', 'vpr_realisee', 'refusee_salarie', 'injoignable')),
  vpr_date date,
  -- R4624-30: recommendations go to the médecin conseil only if the worker does not object.
  non_objection boolean not null default false,
  recommendations text,
  answered_by uuid,
  answered_by_name text,
  answered_at timestamptz,
  signal_id uuid,
  dossier_id uuid,
  filed_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, organisation_id) references organisation(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  check (recommendations is null or non_objection),
  check ((status = 'vpr_realisee') = (vpr_date is not null)),
  check ((status = 'en_attente') = (answered_at is null))
);
-- One pending fiche per worker and service médical: filing it again changes nothing.
create unique index vpr_orientation_pending_uq on vpr_orientation (tenant_id, organisation_id, worker_id) where status = 'en_attente';
create index vpr_orientation_status_idx on vpr_orientation (tenant_id, status, filed_at desc);
create index vpr_orientation_org_idx on vpr_orientation (tenant_id, organisation_id, filed_at desc);
create index vpr_orientation_dossier_idx on vpr_orientation (tenant_id, dossier_id);

-- Saisines of the cell by the worker, the employer, a partner or the team.
create table saisine (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  author_kind text not null check (author_kind in ('salarie', 'employeur', 'partenaire', 'equipe')),
  author_user_id uuid,
  author_organisation_id uuid not null,
  author_name text not null,
  reason text not null,
  signal_id uuid,
  dossier_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id)
);
create index saisine_author_idx on saisine (tenant_id, author_user_id, created_at desc);
create index saisine_worker_idx on saisine (tenant_id, worker_id, created_at desc);

-- The cell's signal list filters by source / kind and sorts by date.
create index signal_source_kind_idx on signal (tenant_id, source, kind, received_at desc);

do $$
declare t text;
begin
  foreach t in array array['employer_declaration', 'vpr_orientation', 'saisine']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
