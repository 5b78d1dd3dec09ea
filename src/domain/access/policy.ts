/**
 * The access policy of Maintien: one table deciding role × data category × action, and one
 * table of capabilities (actions that are not about a data category). Every permission check
 * of the application comes here; repositories receive the resolved filter, never decide.
 *
 * A permission is not a yes/no but a *scope*: the relation the actor must have with the
 * worker concerned for the permission to hold.
 *   - 'service'   any worker followed by the actor's SPSTI (tenant isolation is implied)
 *   - 'consented' a partner, only for workers who gave a current consent naming its organisation
 *   - 'employer'  an employer, only for workers employed by its company
 *   - 'self'      the worker himself, only entries shared with him
 */
import { MaintienError } from '../errors';
import { CATEGORIES, ROLE_ORGANISATION_KINDS, STAFF_ROLES, type Category, type Role } from './roles';

export type Action = 'read' | 'write';
export type Scope = 'service' | 'consented' | 'employer' | 'self';
export type Relation = Scope | 'none';

type Grant = { read: Scope | null; write: Scope | null };
const RW = (s: Scope): Grant => ({ read: s, write: s });
const R = (s: Scope): Grant => ({ read: s, write: null });
const NONE: Grant = { read: null, write: null };

/**
 * Role × category × action. Domain §10: health data (medical) is for the SPSTI's health
 * professionals; partners only with consent and never medical; employers never health data.
 */
export const CATEGORY_POLICY: Readonly<Record<Role, Readonly<Record<Category, Grant>>>> = {
  medecin_travail: { medical: RW('service'), sensitive: RW('service'), administrative: RW('service'), employer_visible: RW('service') },
  infirmier: { medical: RW('service'), sensitive: RW('service'), administrative: RW('service'), employer_visible: RW('service') },
  assistant_social: { medical: NONE, sensitive: RW('service'), administrative: RW('service'), employer_visible: RW('service') },
  psychologue: { medical: NONE, sensitive: RW('service'), administrative: RW('service'), employer_visible: RW('service') },
  ergonome: { medical: NONE, sensitive: RW('service'), administrative: RW('service'), employer_visible: RW('service') },
  charge_mission: { medical: NONE, sensitive: RW('service'), administrative: RW('service'), employer_visible: RW('service') },
  assistant: { medical: NONE, sensitive: NONE, administrative: RW('service'), employer_visible: RW('service') },
  admin: { medical: NONE, sensitive: NONE, administrative: R('service'), employer_visible: R('service') },
  partner_agent: { medical: NONE, sensitive: NONE, administrative: RW('consented'), employer_visible: R('consented') },
  employer: { medical: NONE, sensitive: NONE, administrative: NONE, employer_visible: R('employer') },
  worker: { medical: R('self'), sensitive: R('self'), administrative: R('self'), employer_visible: R('self') },
};

export const CAPABILITIES = [
  'dossier.create',
  'dossier.transition',
  'dossier.assign',
  'worklist.service',
  'worker.create',
  'worker.search',
  'company.create',
  'company.search',
  'user.list',
  'user.manage',
  'token.manage',
  'audit.read',
  'audit.verify',
  'flux.ingest',
  'partner.space',
  'employer.space',
  'worker.space',
  // Intake (issue 4)
  'signal.read',
  'signal.create',
  'flux.history',
  'quarantine.resolve',
  'task.manage',
  'vpr.file',
  'vpr.answer',
  'employer.declare',
  'saisine.create',
  'amreturn.manage',
  'amreturn.fetch',
  'settings.manage',
  // Risk (issue 5)
  'questionnaire.manage',
  'employer.questionnaire',
  'risk.assess',
  'risk.configure',
  'risk.evaluate',
  'orientation.manage',
  // Parcours (issue 6)
  'measure.manage',
  'visit.manage',
  'meeting.manage',
  'meeting.attend',
  'referral.manage',
  'consent.manage',
  'followup.manage',
  'inaptitude.manage',
  'document.generate',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const CELL: Capability[] = [
  'dossier.create',
  'dossier.transition',
  'dossier.assign',
  'worklist.service',
  'worker.create',
  'worker.search',
  'company.create',
  'company.search',
  'user.list',
  'signal.read',
  'signal.create',
  'flux.history',
  'task.manage',
  'saisine.create',
  'visit.manage',
  'consent.manage',
  'document.generate',
];

/** Cell staff who may read identities in full (NIR) and speak for the cell to partners. */
const CELL_DECIDING: Capability[] = [...CELL, 'quarantine.resolve', 'amreturn.manage', 'orientation.manage', 'measure.manage', 'meeting.manage', 'referral.manage', 'followup.manage'];

/**
 * Health professionals of the SPSTI (domain §6, §10): questionnaires and their answers, the risk
 * index signed by a human, its evaluation, the inaptitude record.
 */
const HEALTH: Capability[] = ['vpr.answer', 'questionnaire.manage', 'risk.assess', 'risk.evaluate', 'inaptitude.manage'];

export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  // The answer to a médecin conseil's fiche de liaison comes from the health professionals
  // (R4624-30: recommendations only if the worker does not object) or the chargé de mission.
  medecin_travail: [...CELL_DECIDING, ...HEALTH, 'risk.configure'],
  infirmier: [...CELL_DECIDING, ...HEALTH],
  assistant_social: CELL_DECIDING,
  psychologue: CELL_DECIDING,
  ergonome: CELL_DECIDING,
  charge_mission: [...CELL_DECIDING, 'vpr.answer'],
  // The assistant opens and assigns dossiers but does not decide their course.
  assistant: CELL.filter((c) => c !== 'dossier.transition'),
  admin: ['worker.create', 'worker.search', 'company.create', 'company.search', 'user.list', 'user.manage', 'token.manage', 'audit.read', 'audit.verify', 'worklist.service', 'flux.history', 'settings.manage', 'risk.configure', 'risk.evaluate'],
  // Filing a fiche de liaison is further limited to agents of the service médical (vpr-filer).
  // A partner's agent attends the instances partenariales he is invited to (the meeting decides
  // which, and shows him only the cases whose worker consents to his organisation).
  partner_agent: ['partner.space', 'saisine.create', 'vpr.file', 'meeting.attend'],
  employer: ['employer.space', 'employer.declare', 'saisine.create', 'employer.questionnaire'],
  worker: ['worker.space', 'saisine.create'],
};

/**
 * Items read apart from the category table. The readers of the item's category in the service
 * (the cell) read it; beyond them, only the item's own grant (scope per role) reaches it.
 *   - 'risk.final_level' (contract C2): the signed final level of the risk index and its date, no
 *     component nor rationale. Sensitive (domain §6); alone, it also reaches a partner whose
 *     organisation holds a current consent of the worker. Never the employer, nor the worker's
 *     own space.
 */
export const SHARED_ITEMS = ['risk.final_level'] as const;
export type SharedItem = (typeof SHARED_ITEMS)[number];

const SHARED_ITEM_POLICY: Readonly<Record<SharedItem, { category: Category; beyond: Readonly<Partial<Record<Role, Scope>>> }>> = {
  'risk.final_level': { category: 'sensitive', beyond: { partner_agent: 'consented' } },
};

/** Scopes an API token may carry, and what each one grants a machine client. */
export const TOKEN_SCOPES = {
  flux: { label: "Dépôt du flux « arrêts de travail » de l'Assurance maladie", capabilities: ['flux.ingest'] as Capability[], read: [] as Category[] },
  'dossiers:read': { label: 'Lecture administrative des dossiers', capabilities: ['worklist.service'] as Capability[], read: ['administrative'] as Category[] },
  retours: { label: "Retrait des informations en retour à l'Assurance maladie", capabilities: ['amreturn.fetch'] as Capability[], read: [] as Category[] },
} as const;
export type TokenScope = keyof typeof TOKEN_SCOPES;
export const isTokenScope = (x: string): x is TokenScope => Object.hasOwn(TOKEN_SCOPES, x);

/** Who is acting: a user through one membership, or a machine client through an API token. */
export interface Principal {
  kind: 'user' | 'token';
  tenantId: string;
  userId: string | null;
  tokenId: string | null;
  /** For a token, the role is absent and its scopes decide. */
  role: Role | null;
  scopes: readonly TokenScope[];
  organisationId: string;
  organisationKind: string;
  /** Employer memberships: the company the user acts for. */
  companyId: string | null;
  /** Worker accounts: the worker record of the user. */
  workerId: string | null;
  /** A label for the audit log: display name or token name, never an e-mail or NIR. */
  label: string;
}

/** Facts about the worker concerned, from which the relation of the actor is derived. */
export interface SubjectFacts {
  tenantId: string;
  workerId: string;
  /** Companies currently employing the worker. */
  companyIds: readonly string[];
  /** Organisations holding a current (not withdrawn) consent of the worker. */
  consentedOrganisationIds: readonly string[];
}

/** The strongest relation the principal has with the worker of `facts`. */
export function relationTo(p: Principal, facts: SubjectFacts): Relation {
  if (p.tenantId !== facts.tenantId) return 'none';
  if (p.kind === 'token') return 'service';
  switch (p.role) {
    case 'partner_agent':
      return facts.consentedOrganisationIds.includes(p.organisationId) ? 'consented' : 'none';
    case 'employer':
      return p.companyId !== null && facts.companyIds.includes(p.companyId) ? 'employer' : 'none';
    case 'worker':
      return p.workerId === facts.workerId ? 'self' : 'none';
    case null:
      return 'none';
    default:
      return 'service';
  }
}

/**
 * Which facts about a worker `relationTo` needs for this principal: the companies employing him
 * (employers) and the organisations holding his consent (partners). Other principals need neither,
 * so their services skip the queries.
 */
export function factsNeeded(p: Principal): { companies: boolean; consents: boolean } {
  return { companies: p.role === 'employer', consents: p.role === 'partner_agent' };
}

/** The relation a principal has with the workers it usually deals with (what its own session may write). */
export function usualRelation(p: Principal): Relation {
  switch (p.role) {
    case 'partner_agent':
      return 'consented';
    case 'employer':
      return 'employer';
    case 'worker':
      return 'self';
    case null:
      return p.kind === 'token' ? 'service' : 'none';
    default:
      return 'service';
  }
}

/**
 * A member of the SPSTI's staff. What staff open (a dossier, its first transition) is recorded
 * under their name; a signal from outside the cell opens a dossier on behalf of the service.
 */
export function isServiceStaff(p: Principal): boolean {
  return p.role !== null && STAFF_ROLES.includes(p.role);
}

/** The worker acting for himself (his space, his personal questionnaire link): he handles his own data only. */
export function actsAsWorker(p: Principal): boolean {
  return p.role === 'worker';
}

/** May the principal answer a questionnaire link issued to `workerId`? That worker himself only. */
export function mayAnswerLinkFor(p: Principal, workerId: string): boolean {
  return actsAsWorker(p) && p.workerId === workerId;
}

/** Accounts of this role belong to the SPSTI's own organisation (its staff, and the workers it follows). */
export function joinsServiceOrganisation(role: Role): boolean {
  return ROLE_ORGANISATION_KINDS[role].includes('spsti');
}

/**
 * Roles of the professionals who take part in a case: assigned to a dossier, owner of a task or of
 * a meeting's decision, invited to a meeting. Staff without the administrator, who runs the
 * service but follows no case.
 */
export const CASE_STAFF_ROLES: readonly Role[] = STAFF_ROLES.filter((r) => r !== 'admin');

/** May the principal do `action` on data of `category` about a worker it has `relation` with? */
export function can(p: Principal, action: Action, category: Category, relation: Relation): boolean {
  if (relation === 'none') return false;
  if (p.kind === 'token') {
    return action === 'read' && relation === 'service' && p.scopes.some((s) => (TOKEN_SCOPES[s].read as readonly Category[]).includes(category));
  }
  if (!p.role) return false;
  const scope = CATEGORY_POLICY[p.role][category][action];
  return scope !== null && scope === relation;
}

/** Categories the principal may read (or write) given its relation with the worker. */
export function categoriesFor(p: Principal, action: Action, relation: Relation): Category[] {
  return CATEGORIES.filter((c) => can(p, action, c, relation));
}

/**
 * The relation under which the principal may read a shared item, or null if never. Users only:
 * no API token scope carries a shared item.
 */
export function sharedItemScope(p: Principal, item: SharedItem): Scope | null {
  if (p.kind !== 'user' || p.role === null) return null;
  const { category, beyond } = SHARED_ITEM_POLICY[item];
  if (CATEGORY_POLICY[p.role][category].read === 'service') return 'service';
  return beyond[p.role] ?? null;
}

/** May the principal read a shared item about a worker it has `relation` with? */
export function canReadShared(p: Principal, item: SharedItem, relation: Relation): boolean {
  const scope = sharedItemScope(p, item);
  return scope !== null && scope === relation;
}

/** Does the principal hold a capability? */
export function has(p: Principal, capability: Capability): boolean {
  if (p.kind === 'token') return p.scopes.some((s) => TOKEN_SCOPES[s].capabilities.includes(capability));
  return p.role !== null && ROLE_CAPABILITIES[p.role].includes(capability);
}

/**
 * The filter a repository applies to timeline entries: which categories, and whether only
 * entries shared with the worker are visible (the worker's own view).
 */
export interface EntryFilter {
  categories: Category[];
  sharedWithWorkerOnly: boolean;
}

export function entryFilter(p: Principal, relation: Relation): EntryFilter {
  return { categories: categoriesFor(p, 'read', relation), sharedWithWorkerOnly: relation === 'self' };
}

/** Reading these categories is audited (domain §10: every access to health data is traceable). */
export const AUDITED_READ_CATEGORIES: readonly Category[] = ['medical', 'sensitive'];

/**
 * Throws unless the principal holds the capability. Machine clients are told their token's
 * scope is insufficient; users that their role does not allow the action.
 */
export function ensure(p: Principal, capability: Capability, message?: string): void {
  if (has(p, capability)) return;
  if (p.kind === 'token') {
    throw new MaintienError('forbidden', 'PORTEE_INSUFFISANTE', "La portée de ce jeton d'API ne permet pas cette action.");
  }
  throw new MaintienError('forbidden', 'ACCES_REFUSE', message ?? "Votre rôle ne permet pas cette action.");
}
