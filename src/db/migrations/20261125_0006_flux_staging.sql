-- Staging of the AM « arrêts de travail » flux pipeline (src/ingest/arrets/pipeline.ts).
-- Each chunk of valid lines is bulk-loaded here (COPY on the embedded engine, one multi-row
-- INSERT on a server), turned into business rows by a few set-based statements, and removed
-- (TRUNCATE) before its transaction commits. Hence:
--   * UNLOGGED: its rows never outlive a transaction, so there is nothing to recover after a
--     crash and writing WAL for them would be wasted;
--   * no row-level security: PostgreSQL refuses COPY FROM on a table with RLS for a role
--     subject to it. Isolation holds anyway: rows are inserted and removed inside one
--     transaction, so no other session (tenant) ever sees them; each chunk transaction
--     takes the table's lock first, so concurrent imports take turns chunk by chunk;
--   * no keys or indexes: the statements join the whole chunk (hash joins).

create unlogged table flux_staging (
  tenant_id uuid not null,
  batch_id uuid not null,
  line integer not null,
  emetteur text not null,
  id_message text not null,
  id_arret text not null,
  type_message text not null,
  nir char(15) not null,
  nom_naissance text not null,
  prenoms text not null,
  date_naissance date not null,
  sexe smallint not null,
  siret_employeur text,
  date_debut date not null,
  date_fin_prevue date,
  date_fin_effective date,
  nature text not null,
  temps_partiel_therapeutique boolean not null,
  ald boolean not null,
  motif text not null,
  date_consentement date not null,
  contact_service_medical text,
  content_hash text not null,
  -- Worked out by the pipeline's statements.
  outcome text, -- null (new) → 'accepte' | 'doublon' | 'conflit' | 'quarantaine' | 'rejete'
  reject_code text,
  reject_field text,
  reject_message text,
  worker_id uuid,
  arret_id uuid,
  dossier_id uuid
);

grant select, insert, update, delete, truncate on flux_staging to maintien_app;
