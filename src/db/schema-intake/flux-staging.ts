/** Kysely types of the AM flux staging table (migration 0006; rows live within one transaction). */

export interface FluxStagingTable {
  tenant_id: string;
  batch_id: string;
  line: number;
  emetteur: string;
  id_message: string;
  id_arret: string;
  type_message: string;
  nir: string;
  nom_naissance: string;
  prenoms: string;
  date_naissance: string;
  sexe: number;
  siret_employeur: string | null;
  date_debut: string;
  date_fin_prevue: string | null;
  date_fin_effective: string | null;
  nature: string;
  temps_partiel_therapeutique: boolean;
  ald: boolean;
  motif: string;
  date_consentement: string;
  contact_service_medical: string | null;
  content_hash: string;
  outcome: string | null;
  reject_code: string | null;
  reject_field: string | null;
  reject_message: string | null;
  worker_id: string | null;
  arret_id: string | null;
  dossier_id: string | null;
}

export interface IntakeFluxStagingTables {
  flux_staging: FluxStagingTable;
}
