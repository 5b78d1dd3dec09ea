-- Parcours (issue 6): visits and rendez-vous de liaison (contract C4), staff meetings
-- (instances d'examen des cas) with their agenda, attendees, minutes and decisions, the exit of
-- a case with its follow-up at 6 and 12 months (contract C6), and the inaptitude records behind
-- the ex-post review list. docs/parcours-visits.md describes the rules.

-- Visits of the cell. `outcome` is free text written by the professional; for a rendez-vous de
-- liaison (C. trav. L1226-1-3: no medical information is exchanged) it is administrative only,
-- enforced by the domain (src/domain/parcours/visits.ts) and by the API.
create table visit (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  worker_id uuid not null,
  kind text not null check (kind in ('pre_reprise', 'reprise', 'mi_carriere', 'demande', 'liaison')),
  scheduled_at timestamptz not null,
  place text not null default '',
  professional_user_id uuid,
  status text not null default 'planifiee' check (status in ('planifiee', 'realisee', 'annulee', 'non_presente')),
  outcome text,
  -- Who asked (visite à la demande, rendez-vous de liaison): salarie, employeur, medecin_travail…
  requested_by text,
  -- Visite de reprise: the day the worker came back (R4624-31: visit at the latest 8 days after).
  return_date date,
  -- The rule task this visit answers (« Organiser la visite de reprise »…), closed when scheduled.
  task_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, professional_user_id) references app_user(tenant_id, id),
  foreign key (tenant_id, task_id) references task(tenant_id, id)
);
create index visit_dossier_idx on visit (tenant_id, dossier_id, scheduled_at desc);
create index visit_worker_idx on visit (tenant_id, worker_id, scheduled_at desc);
create index visit_agenda_idx on visit (tenant_id, status, scheduled_at);

-- Staff meetings: a staff pluridisciplinaire (cell only) or an instance partenariale (partners'
-- agents attend; each sees only the cases whose worker consented to his organisation).
create table meeting (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('staff_pluridisciplinaire', 'instance_partenariale')),
  title text not null,
  scheduled_at timestamptz not null,
  place text not null default '',
  status text not null default 'planifiee' check (status in ('planifiee', 'tenue', 'annulee')),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index meeting_date_idx on meeting (tenant_id, scheduled_at desc);

create table meeting_attendee (
  tenant_id uuid not null references tenant(id),
  meeting_id uuid not null,
  user_id uuid not null,
  -- The organisation the user attends for (a partner agent's organisation, or the SPSTI).
  organisation_id uuid not null,
  primary key (tenant_id, meeting_id, user_id),
  foreign key (tenant_id, meeting_id) references meeting(tenant_id, id),
  foreign key (tenant_id, user_id) references app_user(tenant_id, id),
  foreign key (tenant_id, organisation_id) references organisation(tenant_id, id)
);
create index meeting_attendee_user_idx on meeting_attendee (tenant_id, user_id);

create table meeting_case (
  tenant_id uuid not null references tenant(id),
  meeting_id uuid not null,
  dossier_id uuid not null,
  position integer not null,
  -- Per-case minutes (sensitive: cell staff, and partners attending with the worker's consent).
  minutes text,
  minutes_by uuid,
  minutes_at timestamptz,
  primary key (tenant_id, meeting_id, dossier_id),
  foreign key (tenant_id, meeting_id) references meeting(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id)
);
create index meeting_case_dossier_idx on meeting_case (tenant_id, dossier_id);

create table meeting_decision (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  dossier_id uuid not null,
  text text not null,
  owner_user_id uuid,
  due_date date,
  -- The task the decision became (task table), if any.
  task_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, meeting_id, dossier_id) references meeting_case(tenant_id, meeting_id, dossier_id),
  foreign key (tenant_id, task_id) references task(tenant_id, id)
);
create index meeting_decision_idx on meeting_decision (tenant_id, meeting_id, dossier_id);

-- Exit of a case (contract C6) and its follow-up (IGAS recommendation 20: situation at 6 months,
-- and 12). Outcomes: src/domain/parcours/outcomes.ts.
create table dossier_exit (
  tenant_id uuid not null references tenant(id),
  dossier_id uuid not null,
  worker_id uuid not null,
  outcome text not null,
  exited_at date not null,
  note text,
  follow_up_6m_outcome text,
  follow_up_6m_at date,
  follow_up_12m_outcome text,
  follow_up_12m_at date,
  lost_to_follow_up boolean not null default false,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, dossier_id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id)
);
create index dossier_exit_lost_idx on dossier_exit (tenant_id, exited_at) where lost_to_follow_up;

-- Avis d'inaptitude (C. trav. L4624-4) and the dismissal that may follow: the ex-post review list
-- (IGAS §255) finds dismissals where the risk index was high and the cell was never seized before.
create table inaptitude (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  dossier_id uuid,
  company_id uuid,
  avis_date date not null,
  -- L1226-2-1 / L1226-12: « tout maintien dans l'emploi serait gravement préjudiciable à sa santé »
  -- or « l'état de santé fait obstacle à tout reclassement dans un emploi ».
  dispense_reclassement boolean not null,
  origin text not null default 'non_professionnelle' check (origin in ('professionnelle', 'non_professionnelle')),
  dismissal_date date,
  recorded_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, company_id) references company(tenant_id, id),
  check (dismissal_date is null or dismissal_date >= avis_date)
);
create index inaptitude_worker_idx on inaptitude (tenant_id, worker_id, avis_date desc);
create index inaptitude_dismissal_idx on inaptitude (tenant_id, dismissal_date) where dismissal_date is not null;

do $$
declare t text;
begin
  foreach t in array array['visit', 'meeting', 'meeting_attendee', 'meeting_case', 'meeting_decision', 'dossier_exit', 'inaptitude']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
