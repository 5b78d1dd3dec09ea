/**
 * Information back to the Assurance maladie (C. trav. L4622-2-1): when the SPST accompanies a
 * worker whose arrêt came through the AM flux, it tells the AM which accompaniment it put in
 * place and — only with the worker's agreement — information on the job and working
 * conditions. This module holds the catalogue of accompaniment types, the delivery statuses,
 * the validation of a return and the outbound format v1 (docs/formats/retours-am.md). Pure.
 */
import { isIsoDate } from '../calendar/dates';
import { csvLine } from '../csv';
import type { Checked } from '../errors';

/** Version of the outbound format (docs/formats/retours-am.md). */
export const AM_RETURN_FORMAT_VERSION = '1';

/**
 * Accompaniment types, with their stable codes (published in the outbound format: never
 * renamed, only added) and French labels.
 */
export const AM_RETURN_TYPES = [
  { code: 'VPR_REALISEE', label: 'Visite de pré-reprise réalisée' },
  { code: 'RDV_LIAISON', label: 'Rendez-vous de liaison' },
  { code: 'ACCOMPAGNEMENT_CELLULE', label: 'Accompagnement par la cellule PDP' },
  { code: 'AMENAGEMENT_POSTE', label: 'Aménagement de poste ou du temps de travail' },
  { code: 'ESSAI_ENCADRE', label: 'Essai encadré' },
  { code: 'CRPE', label: 'Convention de rééducation professionnelle en entreprise (CRPE)' },
  { code: 'TPT', label: 'Temps partiel thérapeutique' },
  { code: 'FORMATION_ARRET', label: "Formation ou remobilisation pendant l'arrêt" },
  { code: 'BILAN_COMPETENCES', label: 'Bilan de compétences' },
  { code: 'PMSMP', label: 'Période de mise en situation en milieu professionnel (PMSMP)' },
  { code: 'PTP', label: 'Projet de transition professionnelle' },
  { code: 'ORIENTATION_CAP_EMPLOI', label: 'Orientation vers Cap emploi' },
  { code: 'ORIENTATION_SERVICE_SOCIAL', label: 'Orientation vers le service social Carsat' },
  { code: 'SUIVI_SANS_MESURE', label: 'Suivi sans mesure particulière' },
  { code: 'REFUS_SALARIE', label: "Refus de l'accompagnement par le salarié" },
  { code: 'SALARIE_INJOIGNABLE', label: 'Salarié injoignable' },
] as const;
export type AmReturnType = (typeof AM_RETURN_TYPES)[number]['code'];

export const AM_RETURN_TYPE_LABELS: Readonly<Record<AmReturnType, string>> = Object.fromEntries(
  AM_RETURN_TYPES.map((t) => [t.code, t.label]),
) as Record<AmReturnType, string>;

export const isAmReturnType = (x: unknown): x is AmReturnType => typeof x === 'string' && Object.hasOwn(AM_RETURN_TYPE_LABELS, x);

/** Delivery status of a return message: à transmettre → transmis → accusé, or en erreur. */
export const AM_RETURN_STATUSES = ['a_transmettre', 'transmis', 'accuse', 'en_erreur'] as const;
export type AmReturnStatus = (typeof AM_RETURN_STATUSES)[number];

export const AM_RETURN_STATUS_LABELS: Readonly<Record<AmReturnStatus, string>> = {
  a_transmettre: 'À transmettre',
  transmis: 'Transmis',
  accuse: 'Accusé de réception',
  en_erreur: 'En erreur',
};

export const isAmReturnStatus = (x: unknown): x is AmReturnStatus => typeof x === 'string' && (AM_RETURN_STATUSES as readonly string[]).includes(x);

/** The worker's consent that allows job information to go to the AM (purpose of a `consent` row). */
export const JOB_INFO_CONSENT_PURPOSE = 'retour_am_poste';

/** The organisation kind the job-information consent must name. */
export const JOB_INFO_RECIPIENT_KIND = 'cpam';

/** Every number of this module, in one place; a service may override them (settings). */
export interface AmReturnLimits {
  /** Longest administrative comment (characters). */
  commentMaxLength: number;
  /** Longest job title (characters). */
  jobTitleMaxLength: number;
  /** Longest « conditions de travail » text (characters). */
  workingConditionsMaxLength: number;
  /** Longest error text of a negative acknowledgement (characters). */
  ackErrorMaxLength: number;
  /** How many days after today an accompaniment date may be (0: not in the future). */
  maxDaysAhead: number;
  /** How many days before today an accompaniment date may be. */
  maxDaysBack: number;
  /** Largest page of the machine outbox. */
  outboxMaxLimit: number;
  /** Largest acknowledgement batch. */
  ackMaxItems: number;
}

export const DEFAULT_AM_RETURN_LIMITS: Readonly<AmReturnLimits> = {
  commentMaxLength: 1000,
  jobTitleMaxLength: 200,
  workingConditionsMaxLength: 2000,
  ackErrorMaxLength: 500,
  maxDaysAhead: 0,
  maxDaysBack: 730,
  outboxMaxLimit: 500,
  ackMaxItems: 1000,
};

/** PCS 2020 profession code (e.g. `52A1`, `526A`); ROME 4 code (e.g. `J1501`). */
const PCS_CODE = /^\d{2}[0-9A-Z]{1,2}$/;
const ROME_CODE = /^[A-N]\d{4}$/;
/** A NIR-like run of 13 digits or more has nothing to do in a comment sent out of the service. */
const NIR_LIKE = /(?:\d[\s.]?){13,}/;

export interface JobInfoInput {
  jobTitle?: string | null;
  pcs?: string | null;
  rome?: string | null;
  workingConditions?: string | null;
}

export interface AmReturnInput extends JobInfoInput {
  type: string;
  /** Date of the accompaniment, YYYY-MM-DD. */
  date: string;
  comment?: string | null;
}

export interface JobInfo {
  jobTitle: string | null;
  pcs: string | null;
  rome: string | null;
  workingConditions: string | null;
}

export interface ValidAmReturn {
  type: AmReturnType;
  date: string;
  comment: string;
  /** null when no job field was given. */
  job: JobInfo | null;
}

const blankToNull = (s: string | null | undefined) => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/** Adds `days` to a YYYY-MM-DD date (UTC arithmetic, no time zone shift). */
export function addDaysIso(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function hasJobFields(j: JobInfoInput): boolean {
  return [j.jobTitle, j.pcs, j.rome, j.workingConditions].some((v) => blankToNull(v) !== null);
}

/**
 * Validates a return recorded by the cell. `jobConsent` is whether the worker's consent for
 * job information to the CPAM is current at this moment: without it the job fields are refused
 * (L4622-2-1: « sous réserve de l'accord du travailleur »).
 */
export function validateAmReturn(
  input: AmReturnInput,
  opts: { today: string; jobConsent: boolean; limits?: AmReturnLimits },
): Checked<ValidAmReturn> {
  const l = opts.limits ?? DEFAULT_AM_RETURN_LIMITS;
  if (!isAmReturnType(input.type)) {
    return { ok: false, code: 'TYPE_ACCOMPAGNEMENT_INCONNU', message: `Type d'accompagnement inconnu : « ${input.type} ».`, field: 'type' };
  }
  if (!isIsoDate(input.date)) {
    return { ok: false, code: 'DATE_INVALIDE', message: "La date de l'accompagnement n'est pas une date valide.", field: 'date' };
  }
  if (input.date > addDaysIso(opts.today, l.maxDaysAhead)) {
    return { ok: false, code: 'DATE_FUTURE', message: "La date de l'accompagnement ne peut pas être dans le futur.", field: 'date' };
  }
  if (input.date < addDaysIso(opts.today, -l.maxDaysBack)) {
    return { ok: false, code: 'DATE_TROP_ANCIENNE', message: `La date de l'accompagnement ne peut pas remonter à plus de ${l.maxDaysBack} jours.`, field: 'date' };
  }
  const comment = (input.comment ?? '').trim();
  if (comment.length > l.commentMaxLength) {
    return { ok: false, code: 'TEXTE_TROP_LONG', message: `Le commentaire dépasse ${l.commentMaxLength} caractères.`, field: 'comment' };
  }
  if (NIR_LIKE.test(comment)) {
    return { ok: false, code: 'COMMENTAIRE_NIR', message: "Le commentaire ne doit contenir ni NIR ni numéro d'identification : l'Assurance maladie retrouve le salarié par l'identifiant de l'arrêt.", field: 'comment' };
  }
  if (!hasJobFields(input)) return { ok: true, value: { type: input.type, date: input.date, comment, job: null } };

  if (!opts.jobConsent) {
    return {
      ok: false,
      code: 'CONSENTEMENT_POSTE_ABSENT',
      message: "Le salarié n'a pas donné son accord à la transmission d'informations sur son poste à l'Assurance maladie : retirez ces informations ou recueillez d'abord son accord.",
      field: 'jobTitle',
    };
  }
  const job: JobInfo = {
    jobTitle: blankToNull(input.jobTitle),
    pcs: blankToNull(input.pcs)?.toUpperCase() ?? null,
    rome: blankToNull(input.rome)?.toUpperCase() ?? null,
    workingConditions: blankToNull(input.workingConditions),
  };
  if (job.jobTitle && job.jobTitle.length > l.jobTitleMaxLength) {
    return { ok: false, code: 'TEXTE_TROP_LONG', message: `L'intitulé du poste dépasse ${l.jobTitleMaxLength} caractères.`, field: 'jobTitle' };
  }
  if (job.pcs && !PCS_CODE.test(job.pcs)) {
    return { ok: false, code: 'CODE_PCS_INVALIDE', message: 'Le code PCS doit compter 3 ou 4 caractères (par exemple 52A1).', field: 'pcs' };
  }
  if (job.rome && !ROME_CODE.test(job.rome)) {
    return { ok: false, code: 'CODE_ROME_INVALIDE', message: 'Le code ROME doit être une lettre suivie de 4 chiffres (par exemple J1501).', field: 'rome' };
  }
  if (job.workingConditions && job.workingConditions.length > l.workingConditionsMaxLength) {
    return { ok: false, code: 'TEXTE_TROP_LONG', message: `Les conditions de travail dépassent ${l.workingConditionsMaxLength} caractères.`, field: 'workingConditions' };
  }
  return { ok: true, value: { type: input.type, date: input.date, comment, job } };
}

/** An acknowledgement sent back by the AM for one message. */
export interface AckInput {
  messageId: string;
  status: string;
  error?: string | null;
}

export type AckDecision =
  | { outcome: 'accuse' | 'en_erreur'; error: string | null }
  | { outcome: 'inchange' }
  | { outcome: 'refuse'; code: string; message: string };

/**
 * What an acknowledgement does to a message in `current` status. Idempotent: the same
 * acknowledgement twice changes nothing the second time. « Accusé » is final.
 */
export function decideAck(current: AmReturnStatus, currentError: string | null, ack: AckInput, limits: AmReturnLimits = DEFAULT_AM_RETURN_LIMITS): AckDecision {
  if (ack.status !== 'accuse' && ack.status !== 'en_erreur') {
    return { outcome: 'refuse', code: 'STATUT_INCONNU', message: `Statut d'accusé inconnu : « ${ack.status} » (attendu : accuse ou en_erreur).` };
  }
  const error = (ack.error ?? '').trim();
  if (ack.status === 'en_erreur' && error === '') {
    return { outcome: 'refuse', code: 'ERREUR_REQUISE', message: "Un accusé « en_erreur » doit indiquer l'erreur." };
  }
  if (error.length > limits.ackErrorMaxLength) {
    return { outcome: 'refuse', code: 'TEXTE_TROP_LONG', message: `L'erreur dépasse ${limits.ackErrorMaxLength} caractères.` };
  }
  if (current === 'accuse') {
    if (ack.status === 'accuse') return { outcome: 'inchange' };
    return { outcome: 'refuse', code: 'DEJA_ACCUSE', message: 'Ce message a déjà fait l’objet d’un accusé de réception : il ne peut plus passer en erreur.' };
  }
  if (current === 'en_erreur' && ack.status === 'en_erreur' && error === (currentError ?? '')) return { outcome: 'inchange' };
  return ack.status === 'accuse' ? { outcome: 'accuse', error: null } : { outcome: 'en_erreur', error };
}

// ---------------------------------------------------------------------------------------------
// Outbound format v1 (docs/formats/retours-am.md)
// ---------------------------------------------------------------------------------------------

/** Fields of an outbound message, in the order of the CSV columns. */
export const AM_RETURN_FIELDS = [
  'version',
  'id_message',
  'spst',
  'destinataire',
  'id_arret',
  'type_accompagnement',
  'libelle_accompagnement',
  'date_accompagnement',
  'commentaire',
  'informations_poste',
  'poste_intitule',
  'poste_pcs',
  'poste_rome',
  'conditions_travail',
  'date_emission',
] as const;
export type AmReturnField = (typeof AM_RETURN_FIELDS)[number];
export type OutboundMessage = Record<AmReturnField, string>;

/** What the repository knows of a message, as needed to render it. */
export interface AmReturnRecord {
  messageId: string;
  spst: string;
  recipient: string;
  amArretId: string;
  type: AmReturnType;
  date: string;
  comment: string;
  job: JobInfo | null;
  createdAt: Date;
}

/**
 * The message as sent. Job information is included only when `jobConsent` holds *now*: a
 * withdrawal stops it from leaving in any message not yet delivered.
 */
export function toOutboundMessage(r: AmReturnRecord, jobConsent: boolean): OutboundMessage {
  const job = jobConsent ? r.job : null;
  return {
    version: AM_RETURN_FORMAT_VERSION,
    id_message: r.messageId,
    spst: r.spst,
    destinataire: r.recipient,
    id_arret: r.amArretId,
    type_accompagnement: r.type,
    libelle_accompagnement: AM_RETURN_TYPE_LABELS[r.type],
    date_accompagnement: r.date,
    commentaire: r.comment,
    informations_poste: job ? 'oui' : 'non',
    poste_intitule: job?.jobTitle ?? '',
    poste_pcs: job?.pcs ?? '',
    poste_rome: job?.rome ?? '',
    conditions_travail: job?.workingConditions ?? '',
    date_emission: r.createdAt.toISOString(),
  };
}

/** Does a rendered message carry job information? */
export const carriesJobInfo = (m: OutboundMessage) => m.informations_poste === 'oui';

/** CSV: UTF-8 without BOM, `;`, header line, LF, RFC 4180 quoting, formula characters neutralised (`../csv`). */
export function toCsv(messages: readonly OutboundMessage[]): string {
  const lines = [csvLine(AM_RETURN_FIELDS), ...messages.map((m) => csvLine(AM_RETURN_FIELDS.map((f) => m[f])))];
  return `${lines.join('\n')}\n`;
}

/** JSON Lines: one object per message, keys in the order of AM_RETURN_FIELDS. */
export function toJsonl(messages: readonly OutboundMessage[]): string {
  return messages.map((m) => `${JSON.stringify(m)}\n`).join('');
}
