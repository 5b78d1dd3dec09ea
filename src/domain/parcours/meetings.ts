/**
 * Staff meetings — instances d'examen des cas (domain §7): a staff pluridisciplinaire (the
 * cell) or an instance partenariale open to partners' agents. A partner attends and sees only the
 * cases whose worker gave a current consent naming his organisation (domain §10). Per-case
 * minutes and decisions; a decision with an owner becomes a task. Pure checks, no I/O.
 */
import type { Audience } from '../access/copied-text';
import { isIsoDate } from '../calendar/dates';
import type { Checked } from '../errors';
import { isIsoInstant } from './visits';

export const MEETING_KINDS = ['staff_pluridisciplinaire', 'instance_partenariale'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const isMeetingKind = (x: unknown): x is MeetingKind => typeof x === 'string' && (MEETING_KINDS as readonly string[]).includes(x);
export const MEETING_KIND_LABELS: Readonly<Record<MeetingKind, string>> = {
  staff_pluridisciplinaire: 'Staff pluridisciplinaire',
  instance_partenariale: 'Instance partenariale',
};

export const MEETING_STATUSES = ['planifiee', 'tenue', 'annulee'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Readonly<Record<MeetingStatus, string>> = { planifiee: 'Planifiée', tenue: 'Tenue', annulee: 'Annulée' };

/**
 * Consent purposes that let a partner's organisation hear of a case in an instance: the
 * dedicated one, or the sharing of the whole dossier (which includes it).
 */
export const MEETING_CONSENT_PURPOSES = ['instance_partenariale', 'partage_dossier'] as const;

/** Task rule id of a meeting decision (subject `decision:<id>`). */
export const DECISION_TASK_KIND = 'decision_instance';

export const MEETING_TITLE_MAX = 200;
export const MINUTES_MAX = 8000;
export const DECISION_MAX = 500;
/** Cases on one meeting's agenda. */
export const AGENDA_MAX = 40;

export interface MeetingInput {
  kind: string;
  title?: string | null;
  scheduledAt: string;
  place?: string | null;
}

export function checkMeeting(input: MeetingInput): Checked<{ kind: MeetingKind; title: string; scheduledAt: Date; place: string }> {
  if (!isMeetingKind(input.kind)) return { ok: false, code: 'INSTANCE_TYPE_INCONNU', message: "Type d'instance inconnu.", field: 'kind' };
  if (!isIsoInstant(input.scheduledAt)) {
    return { ok: false, code: 'INSTANCE_DATE_INVALIDE', message: "Indiquez la date et l'heure de l'instance.", field: 'scheduledAt' };
  }
  const title = (input.title ?? '').trim() || MEETING_KIND_LABELS[input.kind];
  if (title.length > MEETING_TITLE_MAX) return { ok: false, code: 'INSTANCE_TITRE_TROP_LONG', message: `Le titre ne doit pas dépasser ${MEETING_TITLE_MAX} caractères.`, field: 'title' };
  const place = (input.place ?? '').trim();
  if (place.length > 200) return { ok: false, code: 'INSTANCE_LIEU_TROP_LONG', message: 'Le lieu ne doit pas dépasser 200 caractères.', field: 'place' };
  return { ok: true, value: { kind: input.kind, title, scheduledAt: new Date(input.scheduledAt), place } };
}

/** Only an instance partenariale receives partners' agents; a staff stays within the SPSTI. */
export function checkAttendee(kind: MeetingKind, attendeeIsPartner: boolean): Checked<true> {
  if (attendeeIsPartner && kind !== 'instance_partenariale') {
    return { ok: false, code: 'PARTENAIRE_HORS_INSTANCE_PARTENARIALE', message: "Seule une instance partenariale accueille des partenaires ; un staff pluridisciplinaire reste interne au service.", field: 'userId' };
  }
  return { ok: true, value: true };
}

export function checkMinutes(text: string | null | undefined): Checked<string | null> {
  const t = (text ?? '').trim();
  if (t.length > MINUTES_MAX) return { ok: false, code: 'COMPTE_RENDU_TROP_LONG', message: `Le compte rendu ne doit pas dépasser ${MINUTES_MAX} caractères.`, field: 'minutes' };
  return { ok: true, value: t || null };
}

export interface DecisionInput {
  text: string;
  ownerUserId?: string | null;
  dueDate?: string | null;
}

/** A decision; with an owner it becomes a task, which then needs a due date not in the past. */
export function checkDecision(input: DecisionInput, today: string): Checked<{ text: string; ownerUserId: string | null; dueDate: string | null }> {
  const text = (input.text ?? '').trim();
  if (text.length < 3) return { ok: false, code: 'DECISION_VIDE', message: 'Rédigez la décision (3 caractères au moins).', field: 'text' };
  if (text.length > DECISION_MAX) return { ok: false, code: 'DECISION_TROP_LONGUE', message: `La décision ne doit pas dépasser ${DECISION_MAX} caractères.`, field: 'text' };
  const owner = input.ownerUserId ?? null;
  const due = input.dueDate ?? null;
  if (due !== null && !isIsoDate(due)) return { ok: false, code: 'ECHEANCE_INVALIDE', message: "Date d'échéance invalide (AAAA-MM-JJ).", field: 'dueDate' };
  if (owner && !due) return { ok: false, code: 'ECHEANCE_REQUISE', message: 'Une décision confiée à quelqu’un devient une tâche : indiquez son échéance.', field: 'dueDate' };
  if (due && due < today) return { ok: false, code: 'ECHEANCE_PASSEE', message: "L'échéance ne peut pas être dans le passé.", field: 'dueDate' };
  return { ok: true, value: { text, ownerUserId: owner, dueDate: due } };
}

/**
 * Category of the per-case minutes: a staff pluridisciplinaire stays within the SPSTI (sensitive:
 * cell staff, never partners); an instance partenariale's minutes are read by the partners who
 * attended with the worker's consent, so they are written as administrative content — no
 * medical information in them (domain §10).
 */
export function minutesCategory(kind: MeetingKind): 'sensitive' | 'administrative' {
  return kind === 'staff_pluridisciplinaire' ? 'sensitive' : 'administrative';
}

/**
 * Audience of what the cell writes in a meeting about its cases — the meeting's title, the
 * minutes, the decisions: those who read the minutes (a staff's: the cell, sensitive; an instance
 * partenariale's: administrative, written for the consented partners). A copy of that text into a
 * timeline entry or a task title keeps this audience (src/domain/access/copied-text.ts).
 */
export function meetingTextAudience(kind: MeetingKind): Audience {
  return { category: minutesCategory(kind) };
}
