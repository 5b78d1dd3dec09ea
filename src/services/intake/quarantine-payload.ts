/**
 * The line kept in quarantine (`flux_quarantine.payload`), read back whatever its spelling: the
 * format's field names (`nom_naissance`…) or the validated line's (`birthName`…).
 */
import { isFluxDate, MOTIF_LABELS, type FluxMotif } from '../../domain/intake/flux-line';

export interface QuarantinedLine {
  idArret: string;
  type: string;
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  sex: number | null;
  siret: string | null;
  startDate: string | null;
  expectedEndDate: string | null;
  actualEndDate: string | null;
  nature: string;
  tpt: boolean;
  ald: boolean;
  motif: string;
  consentDate: string | null;
  contact: string | null;
}

export function readQuarantinePayload(raw: unknown): QuarantinedLine {
  let o: Record<string, unknown> = {};
  if (typeof raw === 'string') {
    try {
      o = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      o = {};
    }
  } else if (raw && typeof raw === 'object') o = raw as Record<string, unknown>;
  const str = (...keys: string[]): string => {
    for (const k of keys) {
      const v = o[k];
      if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
    }
    return '';
  };
  const date = (...keys: string[]) => {
    const v = str(...keys);
    return isFluxDate(v) ? v : null;
  };
  const flag = (...keys: string[]) => {
    const v = str(...keys);
    return v === '1' || v === 'true';
  };
  const sex = Number(str('sexe', 'sex'));
  return {
    idArret: str('id_arret', 'idArret'),
    type: str('type_message', 'type'),
    nir: str('nir').replace(/\s+/g, '').toUpperCase(),
    birthName: str('nom_naissance', 'birthName'),
    firstNames: str('prenoms', 'firstNames'),
    birthDate: str('date_naissance', 'birthDate'),
    sex: sex === 1 || sex === 2 ? sex : null,
    siret: str('siret_employeur', 'siret') || null,
    startDate: date('date_debut', 'startDate'),
    expectedEndDate: date('date_fin_prevue', 'expectedEndDate'),
    actualEndDate: date('date_fin_effective', 'actualEndDate'),
    nature: str('nature'),
    tpt: flag('temps_partiel_therapeutique', 'tpt'),
    ald: flag('ald'),
    motif: str('motif'),
    consentDate: date('date_consentement', 'consentDate'),
    contact: str('contact_service_medical', 'contact') || null,
  };
}

export function motifLabel(motif: string): string {
  return MOTIF_LABELS[motif as FluxMotif] ?? motif;
}

export { QUARANTINE_STATUSES, QUARANTINE_STATUS_LABELS, type QuarantineStatus } from '../../domain/intake/channels';
