-- One setting for one rule (issue 4). The employer declares arrêts of more than
-- `intake_rules.preRepriseAfterDays` days (C. trav. R4624-29, IGAS recommendation 16): the same
-- number that creates the task « proposer une visite de pré-reprise », edited in « Règles de
-- détection ». A service that had set `signals.declarations.minArretDays` keeps its number, moved
-- into `intake_rules` — unless `intake_rules` already holds its own `preRepriseAfterDays` (the
-- rules engine's number wins: the existing tasks were created with it). Values the form would
-- refuse (not an integer from 1 to 365) are dropped, as the application ignored them already.
insert into tenant_setting (tenant_id, key, value, updated_at, updated_by)
select d.tenant_id, 'intake_rules', jsonb_build_object('preRepriseAfterDays', (d.value ->> 'minArretDays')::int), now(), d.updated_by
from tenant_setting d
where d.key = 'signals.declarations'
  and jsonb_typeof(d.value) = 'object'
  and jsonb_typeof(d.value -> 'minArretDays') = 'number'
  and (d.value ->> 'minArretDays') ~ '^[0-9]{1,3}$'
  and (d.value ->> 'minArretDays')::int between 1 and 365
on conflict (tenant_id, key) do update
  set value = excluded.value || tenant_setting.value, updated_at = excluded.updated_at
  where jsonb_typeof(tenant_setting.value) = 'object' and not (tenant_setting.value ? 'preRepriseAfterDays');

update tenant_setting set value = value - 'minArretDays'
where key = 'signals.declarations' and jsonb_typeof(value) = 'object' and value ? 'minArretDays';

delete from tenant_setting where key = 'signals.declarations' and value = '{}'::jsonb;
