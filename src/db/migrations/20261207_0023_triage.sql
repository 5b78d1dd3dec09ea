-- Triage « À qualifier » and the service's scope (issue 14, items 1 and 2; docs/signals.md §5,
-- docs/flux-operations.md « Hors périmètre »).
--
-- 1. Scope: the member companies define whom the service follows. A flux line whose employer
--    SIRET is absent or not a member company creates no worker, dossier or task: it is kept in
--    flux_out_of_scope with the answer to send back to the issuer.
-- 2. Triage: every signal about a worker without an open dossier joins his one open
--    triage_item (« À qualifier »); the cell opens a dossier, attaches the item to the worker's
--    open dossier, or closes it « Non retenu » (with a reason) or « Hors périmètre ».
-- 3. Existing data: the « Signalé » dossiers nobody touched become triage items (see the end).

-- 1. Scope ------------------------------------------------------------------------------------
-- Existing companies were all entered by the service (the flux never creates one): members.
-- The population import (adherents.csv, date_fin_adhesion) will set it to false.
alter table company add column member boolean not null default true;

alter table import_batch add column out_of_scope integer not null default 0;

alter table flux_message drop constraint flux_message_outcome_check;
alter table flux_message add constraint flux_message_outcome_check check (outcome in ('accepte', 'quarantaine', 'hors_perimetre'));

create table flux_out_of_scope (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  batch_id uuid not null,
  line integer not null,
  emetteur text not null,
  id_message text not null,
  id_arret text not null,
  type_message text not null,
  siret text,
  start_date date not null,
  -- The line as received (same shape as flux_quarantine.payload): kept only so that the cell can
  -- take the worker on by hand if his company joins; read by quarantine.resolve holders only.
  payload jsonb not null,
  status text not null default 'hors_perimetre' check (status in ('hors_perimetre', 'pris_en_charge')),
  resolved_by uuid,
  resolved_at timestamptz,
  created_at timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, emetteur, id_message),
  foreign key (tenant_id, batch_id) references import_batch(tenant_id, id)
);
create index flux_out_of_scope_status_idx on flux_out_of_scope (tenant_id, status, created_at desc);

-- 2. Triage -----------------------------------------------------------------------------------
create table triage_item (
  tenant_id uuid not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  worker_id uuid not null,
  status text not null default 'a_qualifier' check (status in ('a_qualifier', 'retenu', 'non_retenu', 'hors_perimetre')),
  first_received_at timestamptz not null,
  last_received_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid,
  decision_reason text,
  -- « retenu »: the dossier opened for it, or the worker's open dossier it was attached to.
  dossier_id uuid,
  created_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, worker_id) references worker(tenant_id, id),
  foreign key (tenant_id, dossier_id) references dossier(tenant_id, id),
  check ((status = 'a_qualifier') = (decided_at is null)),
  check (status <> 'retenu' or dossier_id is not null)
);
-- One open item per worker: the flux and the channels join it (on conflict … do update).
create unique index triage_item_open_uq on triage_item (tenant_id, worker_id) where status = 'a_qualifier';
create index triage_item_status_idx on triage_item (tenant_id, status, last_received_at desc);
create index triage_item_worker_idx on triage_item (tenant_id, worker_id);

alter table signal add column triage_item_id uuid;
alter table signal add constraint signal_triage_item_fkey foreign key (tenant_id, triage_item_id) references triage_item(tenant_id, id);
create index signal_triage_idx on signal (tenant_id, triage_item_id) where triage_item_id is not null;

alter table flux_staging add column triage_item_id uuid;

alter table triage_item enable row level security;
create policy tenant_isolation on triage_item using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on triage_item to maintien_app;
alter table flux_out_of_scope enable row level security;
create policy tenant_isolation on flux_out_of_scope using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on flux_out_of_scope to maintien_app;

-- 3. Existing data ------------------------------------------------------------------------------
-- A « Signalé » dossier nobody touched — no assignment, no transition but its opening, no entry
-- but its opening and its signals, no task done, cancelled, owned or written by hand, nothing else
-- pointing at it (measures, visits, returns, questionnaires…) — was opened by a signal alone: it
-- becomes the worker's triage item. Every other dossier stays as it is.
create temporary table triage_untouched on commit drop as
  select d.tenant_id, d.id, d.worker_id, d.opened_at from dossier d
   where d.state = 'signale'
     and not exists (select 1 from dossier_assignment a where a.tenant_id = d.tenant_id and a.dossier_id = d.id)
     and not exists (select 1 from dossier_transition t where t.tenant_id = d.tenant_id and t.dossier_id = d.id and t.from_state is not null)
     and not exists (select 1 from timeline_entry e where e.tenant_id = d.tenant_id and e.dossier_id = d.id and e.kind not in ('creation', 'signal'))
     and not exists (select 1 from task k where k.tenant_id = d.tenant_id and k.dossier_id = d.id
                      and (k.status <> 'a_faire' or k.owner_user_id is not null or k.rule_id is null));

do $$
declare r record;
begin
  for r in
    select c.conrelid::regclass::text as child, a.attname::text as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey) and a.attname <> 'tenant_id'
     where c.contype = 'f' and c.confrelid = 'dossier'::regclass
       and c.conrelid::regclass::text not in ('signal', 'task', 'timeline_entry', 'dossier_transition', 'dossier_assignment',
                                              'employer_declaration', 'vpr_orientation', 'saisine', 'triage_item')
  loop
    execute format('delete from triage_untouched u using %s x where x.tenant_id = u.tenant_id and x.%I = u.id', r.child, r.col);
  end loop;
end
$$;

insert into triage_item (tenant_id, worker_id, status, first_received_at, last_received_at, created_at)
select u.tenant_id, u.worker_id, 'a_qualifier',
       coalesce((select min(s.received_at) from signal s where s.tenant_id = u.tenant_id and s.dossier_id = u.id), u.opened_at),
       coalesce((select max(s.received_at) from signal s where s.tenant_id = u.tenant_id and s.dossier_id = u.id), u.opened_at),
       u.opened_at
  from triage_untouched u;

update signal s set triage_item_id = t.id, dossier_id = null
  from triage_untouched u join triage_item t on t.tenant_id = u.tenant_id and t.worker_id = u.worker_id and t.status = 'a_qualifier'
 where s.tenant_id = u.tenant_id and s.dossier_id = u.id;
update employer_declaration x set dossier_id = null from triage_untouched u where x.tenant_id = u.tenant_id and x.dossier_id = u.id;
update vpr_orientation x set dossier_id = null from triage_untouched u where x.tenant_id = u.tenant_id and x.dossier_id = u.id;
update saisine x set dossier_id = null from triage_untouched u where x.tenant_id = u.tenant_id and x.dossier_id = u.id;

-- A worker left in triage keeps one « à qualifier » task (due at the earliest of his open rule
-- tasks) instead of his rule tasks, which are cancelled; they come back when his dossier opens.
insert into task (tenant_id, worker_id, dossier_id, kind, title, due_date, status, rule_id, subject_ref, created_at)
select t.tenant_id, t.worker_id, null, 'a_qualifier', 'Qualifier le signalement', min(k.due_date), 'a_faire', 'a_qualifier', 'triage:' || t.id, now()
  from triage_untouched u
  join triage_item t on t.tenant_id = u.tenant_id and t.worker_id = u.worker_id and t.status = 'a_qualifier'
  join task k on k.tenant_id = u.tenant_id and k.worker_id = u.worker_id and k.status = 'a_faire' and k.rule_id is not null
 group by t.tenant_id, t.worker_id, t.id
on conflict (tenant_id, rule_id, subject_ref) where rule_id is not null do nothing;
update task k set status = 'annule', done_at = now(), dossier_id = null
  from triage_untouched u
 where k.tenant_id = u.tenant_id and k.worker_id = u.worker_id and k.status = 'a_faire' and k.rule_id is not null and k.rule_id <> 'a_qualifier';
update task k set dossier_id = null from triage_untouched u where k.tenant_id = u.tenant_id and k.dossier_id = u.id;

delete from timeline_entry e using triage_untouched u where e.tenant_id = u.tenant_id and e.dossier_id = u.id;
delete from dossier_transition t using triage_untouched u where t.tenant_id = u.tenant_id and t.dossier_id = u.id;
delete from dossier d using triage_untouched u where d.tenant_id = u.tenant_id and d.id = u.id;
