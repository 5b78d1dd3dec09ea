-- Issue 13, item 11: on which ground a CRPE rests (C. trav. L5213-3-1, CSS L323-3-1): declared
-- inapte (the avis recorded on the worker), a risque d'inaptitude identified by the médecin du
-- travail, or a bénéficiaire de l'obligation d'emploi (RQTH…), with its dates:
-- {basis, attestedOn, validUntil}. Sensitive like the plan (the measure row and its RLS). Null for
-- the other measures and for CRPE proposed before the rule (the plan says it is not filled in).
alter table measure add column eligibility jsonb;
