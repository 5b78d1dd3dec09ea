/**
 * Visits of the cell (domain §4, §10; contract C4): visite de pré-reprise, de reprise, de
 * mi-carrière, à la demande, and the rendez-vous de liaison. Pure rules: the input checks, the
 * reprise deadline, which rule task a visit answers, what a rendez-vous de liaison may record,
 * and which visits an employer may know of. No I/O.
 */
import { isIsoDate } from '../calendar/dates';
import type { Checked } from '../errors';
import { addDays, daysBetween } from '../calendar/dates';
import { type RuleId } from '../intake/rules';

export const VISIT_KINDS = ['pre_reprise', 'reprise', 'mi_carriere', 'demande', 'liaison'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const isVisitKind = (x: unknown): x is VisitKind => typeof x === 'string' && (VISIT_KINDS as readonly string[]).includes(x);

export const VISIT_KIND_LABELS: Readonly<Record<VisitKind, string>> = {
  pre_reprise: 'Visite de pré-reprise',
  reprise: 'Visite de reprise',
  mi_carriere: 'Visite de mi-carrière',
  demande: 'Visite à la demande',
  liaison: 'Rendez-vous de liaison',
};

/** Legal basis shown next to each kind. */
export const VISIT_KIND_BASIS: Readonly<Record<VisitKind, string>> = {
  pre_reprise: 'C. trav. R4624-29 et R4624-30',
  reprise: 'C. trav. R4624-31 et R4624-32',
  mi_carriere: 'C. trav. L4624-2-2',
  demande: 'C. trav. R4624-34',
  liaison: 'C. trav. L1226-1-3 et D1226-8-1',
};

export const VISIT_STATUSES = ['planifiee', 'realisee', 'annulee', 'non_presente'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const isVisitStatus = (x: unknown): x is VisitStatus => typeof x === 'string' && (VISIT_STATUSES as readonly string[]).includes(x);

export const VISIT_STATUS_LABELS: Readonly<Record<VisitStatus, string>> = {
  planifiee: 'Planifiée',
  realisee: 'Réalisée',
  annulee: 'Annulée',
  non_presente: 'Non présenté',
};

/** Who asked for a visit (visite à la demande, rendez-vous de liaison, visite de pré-reprise). */
export const VISIT_REQUESTERS = ['salarie', 'employeur', 'medecin_travail', 'medecin_traitant', 'medecin_conseil'] as const;
export type VisitRequester = (typeof VISIT_REQUESTERS)[number];
export const VISIT_REQUESTER_LABELS: Readonly<Record<VisitRequester, string>> = {
  salarie: 'Le salarié',
  employeur: "L'employeur",
  medecin_travail: 'Le médecin du travail',
  medecin_traitant: 'Le médecin traitant',
  medecin_conseil: 'Le médecin conseil',
};
/** D1226-8-1: the rendez-vous de liaison is initiated by the employer or by the worker. */
export const LIAISON_REQUESTERS: readonly VisitRequester[] = ['salarie', 'employeur'];
/**
 * C. trav. L4624-2-4 (and R4624-29): the visite de pré-reprise is organised « à l'initiative du
 * médecin traitant, du médecin conseil des organismes de sécurité sociale, du travailleur ou du
 * médecin du travail » — never the employer's (he only informs the worker of it).
 */
export const PRE_REPRISE_REQUESTERS: readonly VisitRequester[] = ['salarie', 'medecin_traitant', 'medecin_conseil', 'medecin_travail'];

/** Who may be named as the requester of a visit of this kind (the forms offer only these). */
export function requestersOf(kind: VisitKind): readonly VisitRequester[] {
  if (kind === 'liaison') return LIAISON_REQUESTERS;
  if (kind === 'pre_reprise') return PRE_REPRISE_REQUESTERS;
  return VISIT_REQUESTERS;
}

/** The intake rule whose task (« Organiser la visite de reprise »…) a visit of this kind answers. */
export const VISIT_TASK_RULE: Readonly<Record<VisitKind, RuleId | null>> = {
  pre_reprise: 'pre_reprise',
  reprise: 'visite_reprise',
  mi_carriere: 'mi_carriere',
  demande: null,
  liaison: 'rdv_liaison',
};

/**
 * The outcomes a rendez-vous de liaison may record. L1226-1-3: its purpose is to inform the
 * worker that he may benefit from prevention actions, the visite de pré-reprise and the
 * job-retention measures; the employer takes part, so no medical information is exchanged
 * (D1226-8-1, seed 001). Its outcome is therefore a code from this administrative list, never
 * free text: nothing typed there could carry a diagnosis.
 */
export const LIAISON_OUTCOMES = ['informe_mesures', 'vpr_proposee', 'amenagement_a_etudier', 'refus_salarie', 'sans_suite'] as const;
export type LiaisonOutcome = (typeof LIAISON_OUTCOMES)[number];
export const LIAISON_OUTCOME_LABELS: Readonly<Record<LiaisonOutcome, string>> = {
  informe_mesures: 'Salarié informé des actions de prévention et des mesures de maintien',
  vpr_proposee: 'Visite de pré-reprise proposée au salarié',
  amenagement_a_etudier: "Aménagement du poste ou du temps de travail à étudier à la reprise",
  refus_salarie: 'Le salarié a décliné le rendez-vous (sans conséquence pour lui)',
  sans_suite: 'Échange réalisé, sans suite à donner',
};
export const isLiaisonOutcome = (x: unknown): x is LiaisonOutcome => typeof x === 'string' && (LIAISON_OUTCOMES as readonly string[]).includes(x);

/** Limits of the free texts. */
export const VISIT_PLACE_MAX = 200;
export const VISIT_OUTCOME_MAX = 4000;

/**
 * Which visits an employer may know of, for his current employees, and only their date, kind,
 * place and status (never the outcome): he organises the visite de reprise (R4624-31) and the
 * mi-carrière visit (L4624-2-2), takes part in the rendez-vous de liaison (L1226-1-3), and knows
 * of a visite à la demande he asked for himself. The visite de pré-reprise is the worker's
 * (L4624-2-4: asked by him, his médecin traitant, the médecin conseil or the médecin du travail,
 * never the employer; R4624-30: nothing goes to the employer if the worker objects): the
 * employer is not told of it.
 */
export function employerMaySeeVisit(kind: VisitKind, requestedBy: string | null): boolean {
  if (kind === 'pre_reprise') return false;
  if (kind === 'demande') return requestedBy === 'employeur';
  return true;
}

/** Is a visit outcome health data? Every visit outcome is (medical), but a liaison's (administrative). */
export function outcomeCategory(kind: VisitKind): 'medical' | 'administrative' {
  return kind === 'liaison' ? 'administrative' : 'medical';
}

// ---------------------------------------------------------------------------------------------
// Reprise deadline (R4624-31: on the day of return, at the latest 8 days after)
// ---------------------------------------------------------------------------------------------

export interface RepriseTiming {
  deadline: string;
  /** Visit after the deadline. */
  late: boolean;
  /** Days after the deadline (0 when on time). */
  daysLate: number;
}

/** Deadline of a visite de reprise for a return on `returnDate` and whether `visitDate` is late. */
export function repriseTiming(returnDate: string, visitDate: string, deadlineDays: number): RepriseTiming {
  const deadline = addDays(returnDate, deadlineDays);
  const daysLate = Math.max(0, daysBetween(deadline, visitDate));
  return { deadline, late: daysLate > 0, daysLate };
}

/** The return date carried by a reprise task's subject (`arret:<id>:<YYYY-MM-DD>`), or null. */
export function returnDateOfSubject(subjectRef: string | null): string | null {
  if (!subjectRef) return null;
  const last = subjectRef.split(':').at(-1) ?? '';
  return isIsoDate(last) ? last : null;
}

// ---------------------------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------------------------

export interface VisitInput {
  kind: string;
  scheduledAt: string;
  place?: string | null;
  professionalUserId?: string | null;
  requestedBy?: string | null;
  returnDate?: string | null;
}

export interface CheckedVisit {
  kind: VisitKind;
  scheduledAt: Date;
  place: string;
  professionalUserId: string | null;
  requestedBy: VisitRequester | null;
  returnDate: string | null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset (a time without offset is ambiguous across daylight saving). */
export function isIsoInstant(s: unknown): s is string {
  return typeof s === 'string' && ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s));
}

/** Checks a visit to schedule. `now` bounds the date: at most 2 years ahead, at most 1 year back (recording a past visit). */
export function checkVisitInput(input: VisitInput, now: Date): Checked<CheckedVisit> {
  if (!isVisitKind(input.kind)) return { ok: false, code: 'VISITE_TYPE_INCONNU', message: 'Type de visite inconnu.', field: 'kind' };
  if (!isIsoInstant(input.scheduledAt)) {
    return { ok: false, code: 'VISITE_DATE_INVALIDE', message: 'Indiquez la date et l’heure de la visite.', field: 'scheduledAt' };
  }
  const at = new Date(input.scheduledAt);
  const yearMs = 365 * 86_400_000;
  if (at.getTime() > now.getTime() + 2 * yearMs || at.getTime() < now.getTime() - yearMs) {
    return { ok: false, code: 'VISITE_DATE_HORS_LIMITES', message: 'La date de la visite doit être comprise entre il y a un an et dans deux ans.', field: 'scheduledAt' };
  }
  const place = (input.place ?? '').trim();
  if (place.length > VISIT_PLACE_MAX) return { ok: false, code: 'VISITE_LIEU_TROP_LONG', message: `Le lieu ne doit pas dépasser ${VISIT_PLACE_MAX} caractères.`, field: 'place' };
  let requestedBy: VisitRequester | null = null;
  if (input.requestedBy) {
    if (!(VISIT_REQUESTERS as readonly string[]).includes(input.requestedBy)) {
      return { ok: false, code: 'VISITE_DEMANDEUR_INCONNU', message: 'Demandeur inconnu.', field: 'requestedBy' };
    }
    requestedBy = input.requestedBy as VisitRequester;
  }
  if (input.kind === 'liaison' && requestedBy && !LIAISON_REQUESTERS.includes(requestedBy)) {
    return {
      ok: false,
      code: 'LIAISON_DEMANDEUR_INVALIDE',
      message: "Le rendez-vous de liaison est organisé à l'initiative de l'employeur ou du salarié (art. D1226-8-1 du code du travail).",
      field: 'requestedBy',
    };
  }
  if (input.kind === 'pre_reprise' && requestedBy && !PRE_REPRISE_REQUESTERS.includes(requestedBy)) {
    return {
      ok: false,
      code: 'PRE_REPRISE_DEMANDEUR_INVALIDE',
      message:
        "La visite de pré-reprise est organisée à l'initiative du salarié, du médecin traitant, du médecin conseil ou du médecin du travail, jamais de l'employeur (art. L4624-2-4 du code du travail).",
      field: 'requestedBy',
    };
  }
  if (input.kind === 'demande' && !requestedBy) {
    return { ok: false, code: 'VISITE_DEMANDEUR_REQUIS', message: 'Indiquez qui demande la visite.', field: 'requestedBy' };
  }
  let returnDate: string | null = null;
  if (input.returnDate) {
    if (input.kind !== 'reprise') {
      return { ok: false, code: 'DATE_REPRISE_INATTENDUE', message: 'La date de reprise ne concerne que la visite de reprise.', field: 'returnDate' };
    }
    if (!isIsoDate(input.returnDate)) return { ok: false, code: 'DATE_REPRISE_INVALIDE', message: 'Date de reprise invalide (AAAA-MM-JJ).', field: 'returnDate' };
    returnDate = input.returnDate;
  }
  return { ok: true, value: { kind: input.kind, scheduledAt: at, place, professionalUserId: input.professionalUserId ?? null, requestedBy, returnDate } };
}

export interface VisitOutcomeInput {
  status: string;
  outcome?: string | null;
  liaisonOutcome?: string | null;
}

/**
 * Checks the outcome of a visit. A planned visit becomes réalisée, annulée or non présenté
 * (once). A rendez-vous de liaison takes only a code of LIAISON_OUTCOMES: any free text is
 * refused (L1226-1-3 — no medical information in it).
 */
export function checkVisitOutcome(kind: VisitKind, currentStatus: VisitStatus, input: VisitOutcomeInput): Checked<{ status: VisitStatus; outcome: string | null }> {
  if (!isVisitStatus(input.status) || input.status === 'planifiee') {
    return { ok: false, code: 'VISITE_STATUT_INVALIDE', message: 'Choisissez : réalisée, annulée ou non présenté.', field: 'status' };
  }
  if (currentStatus !== 'planifiee') {
    return { ok: false, code: 'VISITE_DEJA_CLOSE', message: `Cette visite est déjà « ${VISIT_STATUS_LABELS[currentStatus].toLowerCase()} ».` };
  }
  const text = (input.outcome ?? '').trim();
  if (kind === 'liaison') {
    if (text) {
      return {
        ok: false,
        code: 'LIAISON_SANS_INFORMATION_MEDICALE',
        message:
          "Le rendez-vous de liaison ne comporte aucune information médicale (art. L1226-1-3 du code du travail) : choisissez une suite dans la liste, sans texte libre.",
        field: 'outcome',
      };
    }
    if (input.status !== 'realisee') {
      if (input.liaisonOutcome) return { ok: false, code: 'LIAISON_SUITE_INATTENDUE', message: "Une suite ne s'enregistre que pour un rendez-vous réalisé.", field: 'liaisonOutcome' };
      return { ok: true, value: { status: input.status, outcome: null } };
    }
    if (!isLiaisonOutcome(input.liaisonOutcome)) {
      return { ok: false, code: 'LIAISON_SUITE_REQUISE', message: 'Choisissez la suite donnée au rendez-vous de liaison.', field: 'liaisonOutcome' };
    }
    return { ok: true, value: { status: 'realisee', outcome: input.liaisonOutcome } };
  }
  if (input.liaisonOutcome) return { ok: false, code: 'LIAISON_SUITE_INATTENDUE', message: 'Cette suite ne concerne que le rendez-vous de liaison.', field: 'liaisonOutcome' };
  if (text.length > VISIT_OUTCOME_MAX) return { ok: false, code: 'VISITE_CONCLUSION_TROP_LONGUE', message: `La conclusion ne doit pas dépasser ${VISIT_OUTCOME_MAX} caractères.`, field: 'outcome' };
  return { ok: true, value: { status: input.status, outcome: input.status === 'realisee' && text ? text : null } };
}

/** Label of a stored outcome (a liaison code, or the professional's text). */
export function outcomeLabel(kind: VisitKind, outcome: string | null): string | null {
  if (outcome === null) return null;
  return kind === 'liaison' && isLiaisonOutcome(outcome) ? LIAISON_OUTCOME_LABELS[outcome] : outcome;
}

/**
 * Who may hold each visit. The visits of pré-reprise and of reprise are the médecin du travail's
 * (R4624-29, R4624-31); the mi-carrière visit may be held by the infirmier (L4624-2-2), and so a
 * visite à la demande (R4624-34, protocol of the team); the rendez-vous de liaison associates the
 * SPST (L1226-1-3) through any professional of the cell.
 */
export const VISIT_PROFESSIONAL_ROLES: Readonly<Record<VisitKind, readonly string[]>> = {
  pre_reprise: ['medecin_travail'],
  reprise: ['medecin_travail'],
  mi_carriere: ['medecin_travail', 'infirmier'],
  demande: ['medecin_travail', 'infirmier'],
  liaison: ['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission'],
};

export function checkProfessional(kind: VisitKind, role: string | null): Checked<true> {
  if (role !== null && VISIT_PROFESSIONAL_ROLES[kind].includes(role)) return { ok: true, value: true };
  const who = kind === 'pre_reprise' || kind === 'reprise' ? 'un médecin du travail' : kind === 'liaison' ? 'un professionnel de la cellule' : 'un médecin du travail ou un infirmier';
  return { ok: false, code: 'VISITE_PROFESSIONNEL_INVALIDE', message: `La ${VISIT_KIND_LABELS[kind].toLowerCase()} est assurée par ${who}.`, field: 'professionalUserId' };
}
