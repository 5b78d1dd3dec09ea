-- Issue 12, item 1: timeline entries and task titles written before the fix copied texts into
-- records read by more people than their source (consenting partners, the assistant, the
-- administrator, `dossiers:read` API tokens, or the worker). Each such row is rewritten the way the
-- services now write it (src/domain/access/copied-text.ts): the text moves to a row classed like its
-- source, or stays only in its source record. Safe to apply again: a rewritten row no longer matches.

-- 1. Orientation decisions (source: the risk block, sensitive). The old administrative entry holds
--    the suggestion and the motif: it becomes sensitive, and a neutral administrative entry says
--    that a suggestion was decided.
insert into timeline_entry (tenant_id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
select tenant_id, dossier_id, kind, 'administrative', title,
       'Le détail de la suggestion et de la décision est réservé aux professionnels de la cellule.',
       false, author_user_id, author_name, created_at
from timeline_entry
where kind = 'orientation' and category = 'administrative'
  and body <> 'Le détail de la suggestion et de la décision est réservé aux professionnels de la cellule.';
update timeline_entry set category = 'sensitive'
where kind = 'orientation' and category = 'administrative'
  and body <> 'Le détail de la suggestion et de la décision est réservé aux professionnels de la cellule.';

-- 2. Decisions of a staff pluridisciplinaire (source: the staff, sensitive).
create temporary table copied_text_staff_decision on commit drop as
select e.tenant_id, e.id as entry_id, m.kind, to_char(m.scheduled_at at time zone 'Europe/Paris', 'DD/MM/YYYY') as day
from timeline_entry e
join meeting m on m.tenant_id = e.tenant_id and e.title = 'Décision — ' || m.title
where e.kind = 'meeting' and e.category = 'administrative' and m.kind = 'staff_pluridisciplinaire'
  and exists (select 1 from meeting_decision d
              where d.tenant_id = e.tenant_id and d.meeting_id = m.id and d.dossier_id = e.dossier_id
                and (e.body = d.text or left(e.body, length(d.text) + 12) = d.text || ' (confiée à'));
insert into timeline_entry (tenant_id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
select e.tenant_id, e.dossier_id, e.kind, 'administrative', 'Décision — Staff pluridisciplinaire du ' || min(s.day),
       'Décision enregistrée. Son texte est réservé aux participants habilités de la cellule.',
       false, e.author_user_id, e.author_name, e.created_at
from timeline_entry e join copied_text_staff_decision s on s.tenant_id = e.tenant_id and s.entry_id = e.id
group by e.tenant_id, e.id;
update timeline_entry e set category = 'sensitive'
from copied_text_staff_decision s where s.tenant_id = e.tenant_id and s.entry_id = e.id;

-- Their tasks: the decision's text was the task's title (read by the assistant too).
update task t
set title = 'Mettre en œuvre la décision du staff pluridisciplinaire du ' || to_char(m.scheduled_at at time zone 'Europe/Paris', 'DD/MM/YYYY')
from meeting_decision d join meeting m on m.tenant_id = d.tenant_id and m.id = d.meeting_id
where d.tenant_id = t.tenant_id and d.task_id = t.id and m.kind = 'staff_pluridisciplinaire'
  and t.title not like 'Mettre en œuvre la décision du %';

-- The agenda entry named the staff by its title.
update timeline_entry
set body = regexp_replace(body, '^Staff pluridisciplinaire « .* » du ', 'Staff pluridisciplinaire du ')
where kind = 'meeting' and category = 'administrative' and title = 'Inscrit à l''ordre du jour d''une instance'
  and body like 'Staff pluridisciplinaire « %';

-- 3. Task titles (source: the cell's task lists) in administrative entries: the kind's words only.
update timeline_entry
set body = 'Tâche'
where kind = 'task' and category = 'administrative' and title in ('Tâche faite', 'Tâche annulée')
  and body not in ('Proposer une visite de pré-reprise', 'Informer du rendez-vous de liaison', 'Organiser la visite de reprise',
                   'Visite de mi-carrière', 'Plafond d''IJ bientôt atteint', 'Fin de droits ALD à anticiper',
                   'Suivi à 6 mois de la sortie : recueillir la situation du salarié',
                   'Suivi à 12 mois de la sortie : recueillir la situation du salarié',
                   'Décision d''une instance à mettre en œuvre', 'Échéance d''une mesure du plan de maintien',
                   'Tâche ajoutée par la cellule', 'Tâche');
update timeline_entry
set body = 'Tâche ajoutée par la cellule'
        || coalesce(', échéance le ' || (regexp_match(body, '\(échéance le ([0-9]{2}/[0-9]{2}/[0-9]{4})\)$'))[1], '')
        || ' ; son intitulé figure dans les tâches du dossier.'
where kind = 'task' and category = 'administrative' and title = 'Tâche ajoutée'
  and body not like '% ; son intitulé figure dans les tâches du dossier.';

-- 4. Reasons of a change of state (source: the state history, the service only; partners read
--    administrative entries).
update timeline_entry
set body = 'Le dossier passe à l''état « ' || regexp_replace(coalesce(title, ''), '^.*→ ', '') || ' ». Le motif figure dans l’historique des états du dossier.'
where kind = 'transition' and category = 'administrative' and body like 'Motif : %';

-- 5. Motifs of a measure shared with the worker (source: the plan, the cell; the carnet shows no
--    motif): the motif moves to an entry not shared with him.
insert into timeline_entry (tenant_id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
select tenant_id, dossier_id, kind, category, title, body, false, author_user_id, author_name, created_at
from timeline_entry
where kind = 'measure' and shared_with_worker and position(' — motif : ' in body) > 0;
update timeline_entry
set body = regexp_replace(body, ' — motif : .*$', '.', 's')
where kind = 'measure' and shared_with_worker and position(' — motif : ' in body) > 0;
