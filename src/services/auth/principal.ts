/** Builds principals and the "who am I" answer shared by login and /auth/me. */
import {
  categoriesFor,
  CAPABILITIES,
  CATEGORY_LABELS,
  has,
  isRole,
  ORGANISATION_KIND_LABELS,
  ROLE_LABELS,
  type OrganisationKind,
  usualRelation,
  type Principal,
} from '../../domain/access';

export interface MembershipFacts {
  tenantId: string;
  userId: string;
  displayName: string;
  email: string;
  workerId: string | null;
  role: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  companyId: string | null;
}

export function userPrincipal(m: MembershipFacts): Principal {
  return {
    kind: 'user',
    tenantId: m.tenantId,
    userId: m.userId,
    tokenId: null,
    role: isRole(m.role) ? m.role : null,
    scopes: [],
    organisationId: m.organisationId,
    organisationKind: m.organisationKind,
    companyId: m.companyId,
    workerId: m.workerId,
    label: m.displayName,
  };
}

export function describeMe(m: MembershipFacts, p: Principal, csrfToken: string) {
  const role = p.role;
  return {
    user: {
      id: m.userId,
      displayName: m.displayName,
      email: m.email,
      role: m.role,
      roleLabel: role ? ROLE_LABELS[role] : m.role,
      organisation: {
        id: m.organisationId,
        name: m.organisationName,
        kind: m.organisationKind,
        kindLabel: ORGANISATION_KIND_LABELS[m.organisationKind as OrganisationKind] ?? m.organisationKind,
      },
      companyId: m.companyId,
      workerId: m.workerId,
    },
    csrfToken,
    capabilities: CAPABILITIES.filter((c) => has(p, c)),
    writableCategories: categoriesFor(p, 'write', usualRelation(p)).map((code) => ({ code, label: CATEGORY_LABELS[code] })),
  };
}
