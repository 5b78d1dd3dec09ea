-- Intake rules and saved worklists (docs/intake-rules.md): indexes only, every one leading with
-- tenant_id and matching its query's filter and sort.

-- Re-evaluating an arrêt finds the open tasks of the arrêt-scoped rules by arrêt id
-- (subject_ref `arret:<id>[:<return date>]`), to cancel those that no longer apply.
create index task_open_subject_idx on task (tenant_id, (split_part(subject_ref, ':', 2)))
  where rule_id is not null and status = 'a_faire';

-- Saved worklists « Arrêts de plus de 2 / 3 mois » and « Arrêts répétés »: live arrêts by start.
create index arret_live_start_idx on arret (tenant_id, start_date, worker_id)
  where cancelled_at is null;
-- « ALD »: live ALD arrêts by start.
create index arret_ald_start_idx on arret (tenant_id, start_date)
  where ald and cancelled_at is null;

-- Mi-carrière scheduler: the workers born in one year.
create index worker_birth_date_idx on worker (tenant_id, birth_date);
