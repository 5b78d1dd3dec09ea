-- Timeline entry kinds of the risk (issue 5) and parcours (issue 6) modules, declared once here
-- so that the modules' own migrations do not each rewrite this constraint.
alter table timeline_entry drop constraint timeline_entry_kind_check;
alter table timeline_entry add constraint timeline_entry_kind_check
  check (kind in ('note', 'creation', 'transition', 'assignment', 'signal', 'task', 'vpr', 'am_return',
    'questionnaire', 'risk', 'orientation', 'measure', 'visit', 'meeting', 'referral', 'lead', 'message',
    'consent', 'exit', 'followup', 'inaptitude', 'document', 'partner_note'));
