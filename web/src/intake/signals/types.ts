/** Shapes of the signals channel's API answers (see src/http/routes/intake/signals.ts). */

export interface SignalItem {
  id: string;
  source: string;
  sourceLabel: string;
  kind: string;
  kindLabel: string;
  reason: string;
  receivedAt: string;
  consentGiven: boolean;
  consentDate: string | null;
  worker: { id: string; displayName: string };
  dossier: { id: string; reference: string; state: string; stateLabel: string } | null;
  vpr: { id: string; status: string; statusLabel: string } | null;
}

export interface SignalList {
  items: SignalItem[];
  total: number;
  page: number;
  pageSize: number;
  pendingVpr: number;
  declarationsToVerify: number;
}

export interface VprAnswer {
  outcome: string;
  outcomeLabel: string;
  vprDate: string | null;
  recommendations: string | null;
  answeredAt: string;
  answeredByName: string | null;
}

export interface Fiche {
  id: string;
  worker: { id: string; displayName: string; birthDate: string };
  reason: string;
  contact: string;
  filedByName: string;
  filedAt: string;
  consentDate: string;
  status: string;
  statusLabel: string;
  answer: VprAnswer | null;
}

export interface CellFiche extends Fiche {
  organisationName: string;
  dossier: { id: string; reference: string } | null;
}

export interface CellFicheList {
  items: CellFiche[];
  total: number;
  page: number;
  pageSize: number;
  pending: number;
}

export interface DeclarationToVerify {
  id: string;
  company: { id: string; name: string };
  birthName: string;
  firstNames: string;
  birthDate: string;
  nirMasked: string | null;
  nir?: string;
  startDate: string;
  expectedEndDate: string;
  natureLabel: string;
  workerInformedVpr: boolean;
  declaredAt: string;
}

export interface MyDeclaration {
  id: string;
  workerName: string;
  startDate: string;
  expectedEndDate: string;
  nature: string;
  natureLabel: string;
  workerInformedVpr: boolean;
  channel: string;
  declaredAt: string;
  status: string;
  statusLabel: string;
}

export interface ImportReport {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  toVerify: number;
  warnings: string[];
  rejections: { line: number; code: string; field: string | null; message: string }[];
  duplicateLines: number[];
}

export interface DossierSignals {
  signals: Omit<SignalItem, 'worker' | 'dossier' | 'vpr'>[];
  fiches: {
    id: string;
    organisationName: string;
    filedByName: string;
    contact: string;
    reason: string;
    filedAt: string;
    consentDate: string;
    status: string;
    statusLabel: string;
    answer: VprAnswer | null;
    canAnswer: boolean;
  }[];
}

export interface MySaisine {
  id: string;
  workerName: string;
  reason: string;
  createdAt: string;
  status: string;
  statusLabel: string;
}

/** Sources and kinds of signals, for the filters (labels as the server gives them). */
export const SIGNAL_SOURCES: { value: string; label: string }[] = [
  { value: 'flux_am', label: 'Flux Assurance maladie' },
  { value: 'employeur', label: 'Employeur' },
  { value: 'medecin_conseil', label: 'Médecin conseil' },
  { value: 'salarie', label: 'Salarié' },
  { value: 'equipe', label: 'Équipe SPSTI' },
  { value: 'partenaire', label: 'Partenaire' },
  { value: 'visite', label: 'Visite' },
];

export const SIGNAL_KINDS: { value: string; label: string }[] = [
  { value: 'arret', label: 'Arrêt de travail (Assurance maladie)' },
  { value: 'declaration_arret', label: "Déclaration d'arrêt par l'employeur" },
  { value: 'vpr_orientation', label: 'Orientation en visite de pré-reprise (fiche de liaison)' },
  { value: 'saisine', label: 'Saisine de la cellule' },
];

export const NATURE_OPTIONS = [
  { value: 'maladie', label: 'Maladie' },
  { value: 'accident_travail', label: 'Accident du travail' },
  { value: 'maladie_professionnelle', label: 'Maladie professionnelle' },
  { value: 'maternite', label: 'Maternité' },
];

/** Badge colours with AA contrast in the light variant (see web/src/labels.ts). */
export const STATUS_COLORS: Record<string, string> = {
  recue: 'blue',
  prise_en_charge: 'indigo',
  a_verifier: 'red',
  en_attente: 'violet',
  vpr_realisee: 'blue',
  refusee_salarie: 'gray',
  injoignable: 'grape',
};
