-- « Mes dossiers » is read far more often than dossiers change: each assignment row carries a
-- copy of its dossier's state and next deadline, kept in step by triggers, so that a user's
-- worklist (page sorted by deadline, counts per state, overdue count) is served by one index
-- on dossier_assignment instead of a join over all the service's dossiers.

alter table dossier_assignment add column state text;
alter table dossier_assignment add column next_due_date date;

update dossier_assignment a
   set state = d.state, next_due_date = d.next_due_date
  from dossier d
 where d.tenant_id = a.tenant_id and d.id = a.dossier_id;

alter table dossier_assignment alter column state set not null;

create or replace function dossier_assignment_copy_dossier() returns trigger
  language plpgsql as $$
begin
  select d.state, d.next_due_date into new.state, new.next_due_date
    from dossier d where d.tenant_id = new.tenant_id and d.id = new.dossier_id;
  return new;
end
$$;

create trigger dossier_assignment_copy before insert on dossier_assignment
  for each row execute function dossier_assignment_copy_dossier();

create or replace function dossier_propagate_to_assignments() returns trigger
  language plpgsql as $$
begin
  update dossier_assignment
     set state = new.state, next_due_date = new.next_due_date
   where tenant_id = new.tenant_id and dossier_id = new.id;
  return null;
end
$$;

create trigger dossier_propagate after update of state, next_due_date on dossier
  for each row when (old.state is distinct from new.state or old.next_due_date is distinct from new.next_due_date)
  execute function dossier_propagate_to_assignments();

drop index if exists dossier_assignment_user_idx;
create index dossier_assignment_worklist_idx on dossier_assignment (tenant_id, user_id, next_due_date, dossier_id);
create index dossier_assignment_state_idx on dossier_assignment (tenant_id, user_id, state, next_due_date);
