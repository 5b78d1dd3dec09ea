/**
 * One line of the Assurance maladie « arrêts de travail » flux (docs/formats/flux-arrets.md):
 * its fields, and the pure validation that turns the raw values into a normalised line or a
 * coded French rejection. No I/O; the pipeline (src/ingest/arrets) calls it once per line.
 */
import { validateNir } from '../identity/nir';
import { validateSiret } from '../identity/siret';

/** The fields of the format, in the order of the specification (indices used by the parser). */
export const FLUX_FIELDS = [
  'emetteur',
  'id_message',
  'id_arret',
  'type_message',
  'nir',
  'nom_naissance',
  'prenoms',
  'date_naissance',
  'sexe',
  'siret_employeur',
  'date_debut',
  'date_fin_prevue',
  'date_fin_effective',
  'nature',
  'temps_partiel_therapeutique',
  'ald',
  'motif',
  'consentement',
  'date_consentement',
  'contact_service_medical',
] as const;
export type FluxField = (typeof FLUX_FIELDS)[number];

/** Column index of each field in a raw line. */
export const F: Readonly<Record<FluxField, number>> = Object.fromEntries(FLUX_FIELDS.map((f, i) => [f, i])) as Record<FluxField, number>;

/** Columns a CSV header must contain (the optional ones may be absent from the file). */
export const REQUIRED_COLUMNS: readonly FluxField[] = FLUX_FIELDS.filter(
  (f) => !['siret_employeur', 'date_fin_prevue', 'date_fin_effective', 'temps_partiel_therapeutique', 'ald', 'contact_service_medical'].includes(f),
);

/** Fields required on every line (date_fin_prevue / date_fin_effective depend on the type). */
const ALWAYS_REQUIRED: readonly number[] = REQUIRED_COLUMNS.map((f) => F[f]);

export const MESSAGE_TYPES = ['initial', 'prolongation', 'fin', 'annulation'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export const MESSAGE_TYPE_LABELS: Readonly<Record<MessageType, string>> = {
  initial: 'arrêt initial',
  prolongation: 'prolongation',
  fin: "fin d'arrêt",
  annulation: 'annulation',
};

export const NATURES = ['maladie', 'accident_travail', 'maladie_professionnelle'] as const;
export type FluxNature = (typeof NATURES)[number];

export const MOTIFS = ['duree', 'risque_desinsertion', 'orientation_vpr'] as const;
export type FluxMotif = (typeof MOTIFS)[number];
/** The reason shown to the cell on the signal (administrative, never clinical). */
export const MOTIF_LABELS: Readonly<Record<FluxMotif, string>> = {
  duree: 'Arrêt de travail long (condition de durée)',
  risque_desinsertion: 'Risque de désinsertion professionnelle repéré par le service médical',
  orientation_vpr: 'Visite de pré-reprise recommandée par le médecin conseil',
};

/** Format limits of the identifiers (docs/formats/flux-arrets.md). */
export const EMETTEUR_PATTERN = /^[A-Z0-9-]{1,32}$/;
export const MAX_ID_LENGTH = 64;
export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

/** A raw line: one value per field of FLUX_FIELDS (undefined = column absent). */
export type RawLine = (string | undefined)[];

export interface FluxLine {
  line: number;
  emetteur: string;
  idMessage: string;
  idArret: string;
  type: MessageType;
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  sex: 1 | 2;
  siret: string | null;
  startDate: string;
  expectedEndDate: string | null;
  /**
   * `date_fin_effective`: the last day of arrêt (the last day compensated, as the Assurance
   * maladie's data give it), not the day of return: the worker is back the next day
   * (rules.ts `returnDate`). Hence ≥ `date_debut`, equal for an arrêt of one day.
   */
  actualEndDate: string | null;
  nature: FluxNature;
  tpt: boolean;
  ald: boolean;
  motif: FluxMotif;
  consentDate: string;
  contact: string | null;
  /** Stable hash of the normalised content: same id_message + same hash = duplicate. */
  hash: string;
}

export interface FluxRejection {
  line: number;
  /** Kept in the rejection report (identifiers of the message, never identity data). */
  emetteur: string | null;
  idMessage: string | null;
  code: string;
  field: string | null;
  message: string;
}

export type LineResult = { ok: true; value: FluxLine } | { ok: false; rejection: FluxRejection };

const reject = (raw: RawLine, line: number, code: string, field: string | null, message: string): LineResult => ({
  ok: false,
  rejection: {
    line,
    emetteur: clip(raw[F.emetteur], 32),
    idMessage: clip(raw[F.id_message], MAX_ID_LENGTH),
    code,
    field,
    message,
  },
});

function clip(v: string | undefined, max: number): string | null {
  const t = v?.replace(/\u0000/g, '').trim();
  return t ? t.slice(0, max) : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Strict YYYY-MM-DD with a real calendar day (no 2026-02-30), years 1900–2199. */
export function isFluxDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const y = +s.slice(0, 4);
  const m = +s.slice(5, 7);
  const d = +s.slice(8, 10);
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

const FIELD_LABELS: Readonly<Record<FluxField, string>> = {
  emetteur: "l'émetteur",
  id_message: "l'identifiant du message",
  id_arret: "l'identifiant de l'arrêt",
  type_message: 'le type de message',
  nir: 'le NIR',
  nom_naissance: 'le nom de naissance',
  prenoms: 'les prénoms',
  date_naissance: 'la date de naissance',
  sexe: 'le sexe',
  siret_employeur: "le SIRET de l'employeur",
  date_debut: "la date de début de l'arrêt",
  date_fin_prevue: 'la date de fin prévue',
  date_fin_effective: "la date de fin effective (dernier jour d'arrêt)",
  nature: "la nature de l'arrêt",
  temps_partiel_therapeutique: 'le temps partiel thérapeutique',
  ald: "l'indicateur ALD",
  motif: 'le motif de transmission',
  consentement: 'le consentement',
  date_consentement: 'la date du consentement',
  contact_service_medical: "l'adresse de contact du service médical",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates one raw line. Consent comes first: a line without `consentement = oui` is
 * rejected CONSENTEMENT_ABSENT whatever else is wrong with it, so that nothing of it is
 * looked at further (CSS L315-4: transmission only with the worker's agreement).
 *
 * @param fileDate date of the file (YYYY-MM-DD): the consent cannot be later.
 */
export function validateFluxLine(raw: RawLine, line: number, fileDate: string): LineResult {
  const v = (i: number): string => {
    const x = raw[i];
    return x === undefined ? '' : x.trim();
  };
  const consent = v(F.consentement);
  if (consent.toLowerCase() !== 'oui') {
    return reject(raw, line, 'CONSENTEMENT_ABSENT', 'consentement', "Le salarié n'a pas donné son accord à la transmission (consentement ≠ « oui ») : la ligne n'est pas conservée.");
  }
  for (let i = 0; i < raw.length; i++) {
    // PostgreSQL text cannot hold NUL: refused here rather than failing the whole chunk.
    if (raw[i] !== undefined && raw[i]!.includes('\u0000')) {
      return reject(raw, line, 'CARACTERE_INTERDIT', FLUX_FIELDS[i], `Le champ « ${FLUX_FIELDS[i]} » contient un caractère nul, non autorisé.`);
    }
  }
  for (const i of ALWAYS_REQUIRED) {
    if (v(i) === '') return reject(raw, line, 'CHAMP_MANQUANT', FLUX_FIELDS[i], `Il manque ${FIELD_LABELS[FLUX_FIELDS[i]]} (champ « ${FLUX_FIELDS[i]} »).`);
  }
  const emetteur = v(F.emetteur);
  if (!EMETTEUR_PATTERN.test(emetteur)) {
    return reject(raw, line, 'FORMAT_INVALIDE', 'emetteur', "Le code émetteur doit comporter au plus 32 caractères parmi A-Z, 0-9 et « - ».");
  }
  for (const f of ['id_message', 'id_arret'] as const) {
    if (v(F[f]).length > MAX_ID_LENGTH) return reject(raw, line, 'FORMAT_INVALIDE', f, `Le champ « ${f} » ne peut pas dépasser ${MAX_ID_LENGTH} caractères.`);
  }
  const type = v(F.type_message) as MessageType;
  if (!(MESSAGE_TYPES as readonly string[]).includes(type)) {
    return reject(raw, line, 'TYPE_MESSAGE_INCONNU', 'type_message', `Type de message inconnu : attendu ${MESSAGE_TYPES.join(', ')}.`);
  }
  const nir = validateNir(v(F.nir));
  if (!nir.ok) return reject(raw, line, nir.code, 'nir', nir.message);
  const birthName = v(F.nom_naissance);
  const firstNames = v(F.prenoms);
  if (birthName.length > MAX_NAME_LENGTH) return reject(raw, line, 'FORMAT_INVALIDE', 'nom_naissance', `Le nom de naissance ne peut pas dépasser ${MAX_NAME_LENGTH} caractères.`);
  if (firstNames.length > MAX_NAME_LENGTH) return reject(raw, line, 'FORMAT_INVALIDE', 'prenoms', `Les prénoms ne peuvent pas dépasser ${MAX_NAME_LENGTH} caractères.`);
  const sexRaw = v(F.sexe);
  if (sexRaw !== '1' && sexRaw !== '2') return reject(raw, line, 'SEXE_INCOHERENT', 'sexe', 'Le sexe doit valoir 1 (homme) ou 2 (femme).');
  const sex = sexRaw === '1' ? 1 : 2;
  if (sex !== nir.value.sex) return reject(raw, line, 'SEXE_INCOHERENT', 'sexe', 'Le sexe ne correspond pas au premier chiffre du NIR.');

  if (type === 'initial' || type === 'prolongation') {
    if (v(F.date_fin_prevue) === '') return reject(raw, line, 'CHAMP_MANQUANT', 'date_fin_prevue', `Il manque la date de fin prévue, obligatoire pour un message « ${type} ».`);
  }
  if (type === 'fin' && v(F.date_fin_effective) === '') {
    return reject(raw, line, 'CHAMP_MANQUANT', 'date_fin_effective', 'Il manque la date de fin effective, obligatoire pour un message « fin ».');
  }
  for (const f of ['date_naissance', 'date_debut', 'date_fin_prevue', 'date_fin_effective', 'date_consentement'] as const) {
    const d = v(F[f]);
    if (d !== '' && !isFluxDate(d)) return reject(raw, line, 'DATE_INVALIDE', f, `${capitalise(FIELD_LABELS[f])} n'est pas une date valide (AAAA-MM-JJ).`);
  }
  const siretRaw = v(F.siret_employeur);
  let siret: string | null = null;
  if (siretRaw !== '') {
    const s = validateSiret(siretRaw);
    if (!s.ok) return reject(raw, line, 'SIRET_INVALIDE', 'siret_employeur', `SIRET de l'employeur invalide : ${s.message.charAt(0).toLowerCase()}${s.message.slice(1)}`);
    siret = s.value.siret;
  }
  const nature = v(F.nature) as FluxNature;
  if (!(NATURES as readonly string[]).includes(nature)) {
    return reject(raw, line, 'NATURE_INCONNUE', 'nature', `Nature d'arrêt inconnue : attendu ${NATURES.join(', ')}.`);
  }
  const motif = v(F.motif) as FluxMotif;
  if (!(MOTIFS as readonly string[]).includes(motif)) {
    return reject(raw, line, 'MOTIF_INCONNU', 'motif', `Motif de transmission inconnu : attendu ${MOTIFS.join(', ')}.`);
  }
  const flags: boolean[] = [];
  for (const f of ['temps_partiel_therapeutique', 'ald'] as const) {
    const x = v(F[f]);
    if (x !== '' && x !== '0' && x !== '1') return reject(raw, line, 'FORMAT_INVALIDE', f, `Le champ « ${f} » doit valoir 0 ou 1.`);
    flags.push(x === '1');
  }
  const contact = v(F.contact_service_medical);
  if (contact !== '' && (contact.length > MAX_EMAIL_LENGTH || !EMAIL.test(contact))) {
    return reject(raw, line, 'FORMAT_INVALIDE', 'contact_service_medical', "L'adresse de contact du service médical n'est pas une adresse e-mail valide.");
  }

  const birthDate = v(F.date_naissance);
  const startDate = v(F.date_debut);
  const expected = v(F.date_fin_prevue) || null;
  const actual = v(F.date_fin_effective) || null;
  const consentDate = v(F.date_consentement);
  if (birthDate > fileDate) return reject(raw, line, 'DATES_INCOHERENTES', 'date_naissance', 'La date de naissance est postérieure à la date du fichier.');
  if (birthDate > startDate) return reject(raw, line, 'DATES_INCOHERENTES', 'date_naissance', "La date de naissance est postérieure au début de l'arrêt.");
  if (expected !== null && expected < startDate) return reject(raw, line, 'DATES_INCOHERENTES', 'date_fin_prevue', "La date de fin prévue est antérieure au début de l'arrêt.");
  // The last day of arrêt: on the first day at the earliest (an arrêt of one day).
  if (actual !== null && actual < startDate) return reject(raw, line, 'DATES_INCOHERENTES', 'date_fin_effective', "La date de fin effective (dernier jour d'arrêt) est antérieure au début de l'arrêt.");
  if (consentDate > fileDate) return reject(raw, line, 'DATES_INCOHERENTES', 'date_consentement', 'La date du consentement est postérieure à la date du fichier.');

  const value: Omit<FluxLine, 'hash'> = {
    line,
    emetteur,
    idMessage: v(F.id_message),
    idArret: v(F.id_arret),
    type,
    nir: nir.value.nir,
    birthName,
    firstNames,
    birthDate,
    sex,
    siret,
    startDate,
    expectedEndDate: expected,
    actualEndDate: actual,
    nature,
    tpt: flags[0],
    ald: flags[1],
    motif,
    consentDate,
    contact: contact || null,
  };
  return { ok: true, value: { ...value, hash: contentHash(value) } };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Stable hash of a normalised line (every field but the line number), 64 bits as 16 hex
 * digits. It only has to tell two versions of one id_message apart, so a fast
 * non-cryptographic hash is enough (a collision would need 2^32 versions of one message);
 * a cryptographic hash per line cost more than the rest of the validation.
 */
export function contentHash(l: Omit<FluxLine, 'hash'>): string {
  const s = [
    l.emetteur,
    l.idMessage,
    l.idArret,
    l.type,
    l.nir,
    l.birthName,
    l.firstNames,
    l.birthDate,
    l.sex,
    l.siret ?? '',
    l.startDate,
    l.expectedEndDate ?? '',
    l.actualEndDate ?? '',
    l.nature,
    l.tpt ? 1 : 0,
    l.ald ? 1 : 0,
    l.motif,
    l.consentDate,
    l.contact ?? '',
  ].join('\u001f');
  return hash64(s);
}

/** cyrb53-style 64-bit string hash (two 32-bit lanes with a final avalanche), hex. */
export function hash64(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
