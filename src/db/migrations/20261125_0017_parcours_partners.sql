-- Parcours (issue 6): the consent registry's withdrawal facts, referrals (adressages) of a case to a
-- partner organisation and transfers of the lead (chef de file, contract C8), and the secure
-- messages between the cell and a partner about one case. docs/parcours-partners.md describes the rules.

-- Who withdrew a consent and how (the worker in his space, or the cell recording a paper/oral
-- withdrawal). The grant side already has recorded_by and source (migration 0001).
alter table consent add column withdrawn_by uuid;
alter table consent add column withdrawal_source text;

-- A referral of a case to a partner organisation: an adressage (the cell keeps the lead) or a
-- transfert (the partner becomes chef de file when it accepts: dossier.lead_organisation_id).
-- Stage when the cell refers (IGAS recommendation 3): a referral made only at the dismissal stage
-- is flagged late (« tardif »).
create table referral (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  worker_id uuid not null,
  organisation_id uuid not null,
  kind text not null check (kind in ('adressage', 'transfert')),
  stage text not null check (stage in ('precoce', 'pendant_arret', 'reprise', 'licenciement')),
  late boolean not null,
  status text not null default 'envoye' check (status in ('envoye', 'accepte', 'refuse', 'clos', 'annule')),
  -- Why the cell refers (administrative, never a diagnosis).
  reason text not null,
  response_note text,
  responded_by uuid,
  responded_by_name text,
  responded_at timestamptz,
  feedback text,
  feedback_by_name text,
  feedback_at timestamptz,
  -- The lead before a transfer (to show who handed over).
  previous_lead_organisation_id uuid,
  created_by uuid,
  created_by_name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, organisation_id) references organisation(tenant_id, id),
  check (late = (stage = 'licenciement'))
);
create index referral_dossier_idx on referral (tenant_id, dossier_id, created_at desc);
create index referral_organisation_idx on referral (tenant_id, organisation_id, status, created_at desc);

-- Secure messages about one case between the cell and one partner organisation (one thread per
-- dossier × organisation). `read_at`: when the other side first opened the thread after it.
create table case_message (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  dossier_id uuid not null,
  organisation_id uuid not null,
  sender_side text not null check (sender_side in ('cellule', 'partenaire')),
  sender_user_id uuid,
  sender_name text not null,
  body text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  foreign key (tenant_id, organisation_id) references organisation(tenant_id, id)
);
create index case_message_thread_idx on case_message (tenant_id, dossier_id, organisation_id, created_at);
create index case_message_unread_idx on case_message (tenant_id, organisation_id, sender_side) where read_at is null;

do $$
declare t text;
begin
  foreach t in array array['referral', 'case_message']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
    execute format('grant select, insert, update, delete on %I to maintien_app', t);
  end loop;
end
$$;
