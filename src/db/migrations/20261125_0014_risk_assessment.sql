-- Risk index (issue 5, docs/risk-index.md): the health-record facts filled by the médecin du
-- travail / infirmier, the signed assessments (contract C2), the orientation decisions and the
-- bulk suggestions written by `maintien risk score-all` (never a signed level).

-- Facts of the dossier médical used by the health-record component (medical data, audited).
create table worker_health_profile (
  tenant_id uuid not null references tenant(id),
  worker_id uuid not null,
  csp text check (csp in ('ouvrier', 'employe', 'profession_intermediaire', 'cadre', 'artisan_commercant', 'autre')),
  cim_chapters text[] not null default '{}',
  exposures text[] not null default '{}',
  ald boolean not null default false,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, worker_id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  check (cim_chapters <@ array['F', 'M', 'autre']::text[]),
  check (exposures <@ array['port_charges', 'postures', 'psychosociale', 'nuit']::text[])
);

-- Contract C2. Immutable: a new assessment supersedes the previous one (latest signed_at).
create table risk_assessment (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  dossier_id uuid,
  algorithm_id text not null,
  algorithm_version text not null,
  inputs jsonb not null,
  sub_scores jsonb not null,
  suggested_level smallint not null check (suggested_level between 0 and 3),
  final_level smallint not null check (final_level between 0 and 3),
  inaptitude_risk_level smallint not null check (inaptitude_risk_level between 0 and 3),
  rationale text,
  author_user_id uuid,
  author_name text not null,
  signed_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  check (final_level = suggested_level or coalesce(btrim(rationale), '') <> '')
);
create index risk_assessment_worker_idx on risk_assessment (tenant_id, worker_id, signed_at desc);

-- Orientation support: a suggestion (professional to involve, pyramide level, chef de file)
-- accepted or declined with a reason by the cell. Suggestions themselves are computed.
create table orientation_decision (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  worker_id uuid not null,
  kind text not null check (kind in ('intervenant', 'pyramide', 'chef_de_file')),
  value text not null,
  rule_id text,
  assessment_id uuid,
  decision text not null check (decision in ('acceptee', 'refusee')),
  reason text,
  decided_by uuid,
  decided_by_name text not null,
  decided_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  check (decision = 'acceptee' or coalesce(btrim(reason), '') <> '')
);
create index orientation_decision_dossier_idx on orientation_decision (tenant_id, dossier_id, decided_at desc);

-- Bulk suggestions (bench and `maintien risk score-all`): one row per worker, replaced at each
-- run. A suggestion only: nothing acts on it without a signed risk_assessment.
create table risk_score (
  tenant_id uuid not null references tenant(id),
  worker_id uuid not null,
  algorithm_id text not null,
  algorithm_version text not null,
  health_probability real not null,
  suggested_level smallint not null check (suggested_level between 0 and 3),
  computed_at timestamptz not null,
  primary key (tenant_id, worker_id)
);

do $$
declare t text;
begin
  foreach t in array array['worker_health_profile', 'risk_assessment', 'orientation_decision', 'risk_score']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
  end loop;
end
$$;
grant select, insert, update, delete on worker_health_profile, risk_score to maintien_app;
-- Signed assessments and decisions are never changed by the application.
grant select, insert on risk_assessment, orientation_decision to maintien_app;
