/**
 * Referrals of a case to a partner (contract C8, domain §7): an adressage keeps the cell as chef
 * de file; a transfert hands the lead to the partner once it accepts. The stage at which the cell
 * refers is recorded: a referral made only at the dismissal stage is late (« tardif », IGAS
 * recommendation 3: dismissal avoided in only 3–4 % of those cases).
 */
import type { Checked } from '../errors';

export const REFERRAL_KINDS = ['adressage', 'transfert'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_KIND_LABELS: Readonly<Record<ReferralKind, string>> = {
  adressage: 'Adressage (la cellule reste chef de file)',
  transfert: 'Transfert du rôle de chef de file',
};

export const REFERRAL_STAGES = ['precoce', 'pendant_arret', 'reprise', 'licenciement'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];
export const REFERRAL_STAGE_LABELS: Readonly<Record<ReferralStage, string>> = {
  precoce: 'Précoce (avant ou en début de difficulté)',
  pendant_arret: "Pendant l'arrêt de travail",
  reprise: 'À la reprise du travail',
  licenciement: 'Au stade du licenciement',
};

/** Stages at which a referral comes too late to prevent the dismissal. */
export const LATE_STAGES: readonly ReferralStage[] = ['licenciement'];
export const isLateStage = (stage: ReferralStage): boolean => LATE_STAGES.includes(stage);

export const REFERRAL_STATUSES = ['envoye', 'accepte', 'refuse', 'clos', 'annule'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = {
  envoye: 'Envoyé, en attente de réponse',
  accepte: 'Accepté par le partenaire',
  refuse: 'Refusé par le partenaire',
  clos: 'Clos',
  annule: 'Annulé par la cellule',
};

/** Who may move a referral from one status to another. */
export type ReferralActor = 'cellule' | 'partenaire';
const TRANSITIONS: Readonly<Record<ReferralStatus, Partial<Record<ReferralStatus, ReferralActor>>>> = {
  envoye: { accepte: 'partenaire', refuse: 'partenaire', annule: 'cellule' },
  accepte: { clos: 'cellule' },
  refuse: {},
  clos: {},
  annule: {},
};

export function referralTransitionAllowed(from: ReferralStatus, to: ReferralStatus, actor: ReferralActor): boolean {
  return TRANSITIONS[from][to] === actor;
}

/** Organisation kinds a case may be referred to (domain §2). */
export const REFERRAL_ORGANISATION_KINDS = [
  'cap_emploi',
  'agefiph',
  'carsat_service_social',
  'france_travail',
  'transitions_pro',
  'service_medical',
  'cpam',
] as const;

export const isReferralKind = (x: unknown): x is ReferralKind => typeof x === 'string' && (REFERRAL_KINDS as readonly string[]).includes(x);
export const isReferralStage = (x: unknown): x is ReferralStage => typeof x === 'string' && (REFERRAL_STAGES as readonly string[]).includes(x);
export const isReferralStatus = (x: unknown): x is ReferralStatus => typeof x === 'string' && (REFERRAL_STATUSES as readonly string[]).includes(x);

export const REFERRAL_LIMITS = {
  /** Shortest useful motif (characters, after trimming). */
  reasonMinLength: 5,
  /** Longest motif, answer note or feedback (characters). */
  textMaxLength: 4000,
} as const;

/** A free text of the referral: required or optional, trimmed, bounded. */
export function checkReferralText(value: unknown, field: string, opts: { required: boolean; what: string }): Checked<string | null> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) {
    return opts.required ? { ok: false, code: 'CHAMP_MANQUANT', message: `Indiquez ${opts.what}.`, field } : { ok: true, value: null };
  }
  if (opts.required && text.length < REFERRAL_LIMITS.reasonMinLength) {
    return { ok: false, code: 'TEXTE_TROP_COURT', message: `Précisez ${opts.what} (au moins ${REFERRAL_LIMITS.reasonMinLength} caractères).`, field };
  }
  if (text.length > REFERRAL_LIMITS.textMaxLength) {
    return { ok: false, code: 'TEXTE_TROP_LONG', message: `Le texte dépasse ${REFERRAL_LIMITS.textMaxLength} caractères.`, field };
  }
  return { ok: true, value: text };
}

export interface NewReferralInput {
  kind: unknown;
  stage: unknown;
  reason: unknown;
}

export function checkNewReferral(input: NewReferralInput): Checked<{ kind: ReferralKind; stage: ReferralStage; late: boolean; reason: string }> {
  if (!isReferralKind(input.kind)) return { ok: false, code: 'TYPE_ADRESSAGE_INCONNU', message: "Choisissez un adressage ou un transfert du rôle de chef de file.", field: 'kind' };
  if (!isReferralStage(input.stage)) return { ok: false, code: 'STADE_INCONNU', message: "Indiquez à quel stade du parcours la cellule adresse le salarié.", field: 'stage' };
  const reason = checkReferralText(input.reason, 'reason', { required: true, what: "le motif de l'adressage (sans détail médical)" });
  if (!reason.ok) return reason;
  return { ok: true, value: { kind: input.kind, stage: input.stage, late: isLateStage(input.stage), reason: reason.value! } };
}

/** Secure messages between the cell and a partner. */
export const MESSAGE_MAX_LENGTH = 4000;
