-- Questionnaires of the risk module (issue 5, contract C1): responses to the Work Ability Index,
-- its short form and the employer questionnaire, and the personal links a worker answers from.

create table questionnaire_response (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  questionnaire text not null check (questionnaire in ('wai', 'wai_court', 'employeur')),
  version integer not null,
  worker_id uuid,
  company_id uuid,
  dossier_id uuid,
  respondent text not null check (respondent in ('salarie', 'professionnel', 'employeur')),
  status text not null check (status in ('en_cours', 'complete')),
  answers jsonb not null,
  score numeric,
  category text,
  entered_by uuid,
  link_id uuid,
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, company_id) references company(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  -- A worker questionnaire is about a worker; the employer one about a company.
  check ((questionnaire = 'employeur') = (company_id is not null and worker_id is null)),
  check ((questionnaire = 'employeur') = (respondent = 'employeur')),
  check ((status = 'complete') = (completed_at is not null and score is not null))
);
create index questionnaire_response_worker_idx on questionnaire_response (tenant_id, worker_id, questionnaire, started_at desc) where worker_id is not null;
create index questionnaire_response_company_idx on questionnaire_response (tenant_id, company_id, started_at desc) where company_id is not null;
-- One draft at a time per company for the employer questionnaire.
create unique index questionnaire_response_company_draft_uq on questionnaire_response (tenant_id, company_id) where status = 'en_cours' and company_id is not null;

create table questionnaire_link (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  -- SHA-256 (hex) of the token: the token itself is never stored.
  token_hash text not null,
  questionnaire text not null check (questionnaire in ('wai', 'wai_court')),
  worker_id uuid not null,
  dossier_id uuid,
  response_id uuid,
  organisation_id uuid not null,
  created_by uuid,
  created_by_name text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  completed_at timestamptz,
  revoked_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, response_id) references questionnaire_response(tenant_id, id)
);
-- The public page finds its link by token before any tenant is known (system lookup).
create unique index questionnaire_link_token_uq on questionnaire_link (token_hash);
create index questionnaire_link_worker_idx on questionnaire_link (tenant_id, worker_id, created_at desc);

do $$
declare t text;
begin
  foreach t in array array['questionnaire_response', 'questionnaire_link']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
