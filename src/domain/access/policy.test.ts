import { describe, expect, it } from 'vitest';
import {
  actsAsWorker,
  can,
  canReadShared,
  CASE_STAFF_ROLES,
  categoriesFor,
  ensure,
  entryFilter,
  factsNeeded,
  has,
  isServiceStaff,
  joinsServiceOrganisation,
  mayAnswerLinkFor,
  relationTo,
  sharedItemScope,
  usualRelation,
  type Principal,
  type Relation,
} from './policy';
import { CATEGORIES, ROLES, type Category, type Role } from './roles';

const T = '00000000-0000-4000-8000-00000000000a';
const OTHER_T = '00000000-0000-4000-8000-00000000000b';

function principal(role: Role | null, extra: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    tenantId: T,
    userId: 'u1',
    tokenId: null,
    role,
    scopes: [],
    organisationId: 'org-1',
    organisationKind: 'spsti',
    companyId: null,
    workerId: null,
    label: 'test',
    ...extra,
  };
}

/**
 * The expected matrix, written out independently of the policy table: for each role, the
 * relation under which each category may be read (R) and written (W); '-' = never.
 * Order of categories: medical, sensitive, administrative, employer_visible.
 */
const EXPECTED: Record<Role, { R: string[]; W: string[] }> = {
  medecin_travail: { R: ['service', 'service', 'service', 'service'], W: ['service', 'service', 'service', 'service'] },
  infirmier: { R: ['service', 'service', 'service', 'service'], W: ['service', 'service', 'service', 'service'] },
  assistant_social: { R: ['-', 'service', 'service', 'service'], W: ['-', 'service', 'service', 'service'] },
  psychologue: { R: ['-', 'service', 'service', 'service'], W: ['-', 'service', 'service', 'service'] },
  ergonome: { R: ['-', 'service', 'service', 'service'], W: ['-', 'service', 'service', 'service'] },
  charge_mission: { R: ['-', 'service', 'service', 'service'], W: ['-', 'service', 'service', 'service'] },
  assistant: { R: ['-', '-', 'service', 'service'], W: ['-', '-', 'service', 'service'] },
  admin: { R: ['-', '-', 'service', 'service'], W: ['-', '-', '-', '-'] },
  partner_agent: { R: ['-', '-', 'consented', 'consented'], W: ['-', '-', 'consented', '-'] },
  employer: { R: ['-', '-', '-', 'employer'], W: ['-', '-', '-', '-'] },
  worker: { R: ['self', 'self', 'self', 'self'], W: ['-', '-', '-', '-'] },
};

const RELATIONS: Relation[] = ['service', 'consented', 'employer', 'self', 'none'];

describe('access matrix: every role × category × action × relation', () => {
  for (const role of ROLES) {
    for (const [i, category] of CATEGORIES.entries()) {
      for (const action of ['read', 'write'] as const) {
        const expectedRelation = EXPECTED[role][action === 'read' ? 'R' : 'W'][i];
        for (const relation of RELATIONS) {
          const expected = expectedRelation === relation;
          it(`${role} ${action} ${category} with relation ${relation}: ${expected ? 'allowed' : 'refused'}`, () => {
            expect(can(principal(role), action, category, relation)).toBe(expected);
          });
        }
      }
    }
  }
});

describe('health data never reaches employers nor partners', () => {
  for (const relation of RELATIONS) {
    it(`employer and partner cannot read medical or sensitive (relation ${relation})`, () => {
      for (const role of ['employer', 'partner_agent'] as Role[]) {
        expect(can(principal(role), 'read', 'medical', relation)).toBe(false);
        expect(can(principal(role), 'read', 'sensitive', relation)).toBe(false);
      }
    });
  }
  it('a principal without a role can do nothing', () => {
    for (const c of CATEGORIES) expect(can(principal(null), 'read', c, 'service')).toBe(false);
  });
});

describe('relationTo', () => {
  const facts = { tenantId: T, workerId: 'w1', companyIds: ['c1'], consentedOrganisationIds: ['cpam'] };
  it('is none across tenants, whatever the role', () => {
    for (const role of ROLES) {
      expect(relationTo(principal(role, { tenantId: OTHER_T }), facts)).toBe('none');
    }
  });
  it('gives staff the service relation', () => {
    expect(relationTo(principal('medecin_travail'), facts)).toBe('service');
    expect(relationTo(principal('assistant'), facts)).toBe('service');
  });
  it('gives a partner access only through a current consent naming its organisation', () => {
    expect(relationTo(principal('partner_agent', { organisationId: 'cpam' }), facts)).toBe('consented');
    expect(relationTo(principal('partner_agent', { organisationId: 'carsat' }), facts)).toBe('none');
    expect(relationTo(principal('partner_agent', { organisationId: 'cpam' }), { ...facts, consentedOrganisationIds: [] })).toBe('none');
  });
  it('gives an employer access only to its own workers', () => {
    expect(relationTo(principal('employer', { companyId: 'c1' }), facts)).toBe('employer');
    expect(relationTo(principal('employer', { companyId: 'c2' }), facts)).toBe('none');
    expect(relationTo(principal('employer', { companyId: null }), facts)).toBe('none');
  });
  it('gives a worker access only to himself', () => {
    expect(relationTo(principal('worker', { workerId: 'w1' }), facts)).toBe('self');
    expect(relationTo(principal('worker', { workerId: 'w2' }), facts)).toBe('none');
  });
});

describe('tokens', () => {
  const token = (scopes: Principal['scopes']) => principal(null, { kind: 'token', userId: null, tokenId: 't1', scopes });
  it('dossiers:read reads administrative data only, writes nothing', () => {
    const p = token(['dossiers:read']);
    expect(categoriesFor(p, 'read', 'service')).toEqual(['administrative']);
    expect(categoriesFor(p, 'write', 'service')).toEqual([]);
    expect(has(p, 'worklist.service')).toBe(true);
    expect(has(p, 'flux.ingest')).toBe(false);
  });
  it('flux may ingest and read nothing', () => {
    const p = token(['flux']);
    expect(has(p, 'flux.ingest')).toBe(true);
    expect(categoriesFor(p, 'read', 'service')).toEqual([]);
  });
  it('ensure names the scope for tokens and the role for users', () => {
    expect(() => ensure(token(['flux']), 'worklist.service')).toThrowError(expect.objectContaining({ code: 'PORTEE_INSUFFISANTE' }));
    expect(() => ensure(principal('employer'), 'worklist.service')).toThrowError(expect.objectContaining({ code: 'ACCES_REFUSE' }));
    expect(() => ensure(principal('medecin_travail'), 'worklist.service')).not.toThrow();
  });
});

describe('capabilities', () => {
  // Written independently of policy.ts: who holds each capability of issues 5 and 6.
  const HEALTH_PROS = ['medecin_travail', 'infirmier'];
  const DECIDING = ['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission'];
  const CELL_ALL = [...DECIDING, 'assistant'];
  const EXPECTED: Record<string, string[]> = {
    'questionnaire.manage': HEALTH_PROS,
    'employer.questionnaire': ['employer'],
    'risk.assess': HEALTH_PROS,
    'risk.configure': ['medecin_travail', 'admin'],
    'risk.evaluate': [...HEALTH_PROS, 'admin'],
    'orientation.manage': DECIDING,
    'measure.manage': DECIDING,
    'visit.manage': CELL_ALL,
    'meeting.manage': DECIDING,
    'meeting.attend': ['partner_agent'],
    'partner.space': ['partner_agent'],
    'referral.manage': DECIDING,
    'consent.manage': CELL_ALL,
    'followup.manage': DECIDING,
    'inaptitude.manage': HEALTH_PROS,
    'document.generate': CELL_ALL,
  };
  for (const [cap, roles] of Object.entries(EXPECTED)) {
    it(`${cap} is held by ${roles.join(', ')}`, () => {
      expect(ROLES.filter((r) => has(principal(r), cap as Parameters<typeof has>[1]))).toEqual(roles);
    });
  }

  it('only cell staff (not the assistant) change dossier states', () => {
    const allowed = ROLES.filter((r) => has(principal(r), 'dossier.transition'));
    expect(allowed).toEqual(['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission']);
  });
  it('only the administrator manages accounts, tokens and the audit log', () => {
    for (const cap of ['user.manage', 'token.manage', 'audit.read', 'audit.verify'] as const) {
      expect(ROLES.filter((r) => has(principal(r), cap))).toEqual(['admin']);
    }
  });
  it('employers, workers and partners have only their own space', () => {
    expect(has(principal('employer'), 'employer.space')).toBe(true);
    expect(has(principal('employer'), 'worklist.service')).toBe(false);
    expect(has(principal('worker'), 'worker.space')).toBe(true);
    expect(has(principal('worker'), 'worker.search')).toBe(false);
    expect(has(principal('partner_agent'), 'partner.space')).toBe(true);
    expect(has(principal('partner_agent'), 'dossier.create')).toBe(false);
  });
});

describe('entryFilter', () => {
  it('limits the worker to entries shared with him', () => {
    expect(entryFilter(principal('worker', { workerId: 'w1' }), 'self')).toEqual({ categories: [...CATEGORIES], sharedWithWorkerOnly: true });
  });
  it('gives the employer only employer-visible entries', () => {
    expect(entryFilter(principal('employer'), 'employer')).toEqual({ categories: ['employer_visible'] as Category[], sharedWithWorkerOnly: false });
  });
  it('gives nothing without a relation', () => {
    expect(entryFilter(principal('medecin_travail'), 'none').categories).toEqual([]);
  });
});

describe('shared items', () => {
  // Written independently of policy.ts: the relation under which each role reads the signed final
  // risk level (contract C2); '-' = never.
  const FINAL_LEVEL: Record<Role, string> = {
    medecin_travail: 'service',
    infirmier: 'service',
    assistant_social: 'service',
    psychologue: 'service',
    ergonome: 'service',
    charge_mission: 'service',
    assistant: '-',
    admin: '-',
    partner_agent: 'consented',
    employer: '-',
    worker: '-',
  };
  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      const expected = FINAL_LEVEL[role] === relation;
      it(`${role} reads risk.final_level with relation ${relation}: ${expected ? 'allowed' : 'refused'}`, () => {
        expect(canReadShared(principal(role), 'risk.final_level', relation)).toBe(expected);
      });
    }
    it(`${role} is told the scope of risk.final_level`, () => {
      expect(sharedItemScope(principal(role), 'risk.final_level') ?? '-').toBe(FINAL_LEVEL[role]);
    });
  }
  it('no token reads risk.final_level, whatever its scopes', () => {
    const token = principal(null, { kind: 'token', userId: null, tokenId: 't1', scopes: ['dossiers:read', 'flux', 'retours'] });
    expect(sharedItemScope(token, 'risk.final_level')).toBeNull();
    for (const relation of RELATIONS) expect(canReadShared(token, 'risk.final_level', relation)).toBe(false);
  });
  it('a partner reads it only with a consent, never as sensitive data', () => {
    const partner = principal('partner_agent');
    expect(canReadShared(partner, 'risk.final_level', 'consented')).toBe(true);
    expect(can(partner, 'read', 'sensitive', 'consented')).toBe(false);
  });
});

/**
 * Role decisions the services ask the policy, written out per role: the facts relationTo needs
 * (companies C, consents K), the usual relation, staff or not, acting as the worker, and whether
 * the role takes part in cases (assignee, task owner, attendee).
 */
const ROLE_DECISIONS: Record<Role, { facts: '' | 'C' | 'K'; usual: Relation; staff: boolean; worker: boolean; caseStaff: boolean }> = {
  medecin_travail: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  infirmier: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  assistant_social: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  psychologue: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  ergonome: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  charge_mission: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  assistant: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: true },
  admin: { facts: '', usual: 'service', staff: true, worker: false, caseStaff: false },
  partner_agent: { facts: 'K', usual: 'consented', staff: false, worker: false, caseStaff: false },
  employer: { facts: 'C', usual: 'employer', staff: false, worker: false, caseStaff: false },
  worker: { facts: '', usual: 'self', staff: false, worker: true, caseStaff: false },
};

describe('role decisions of the services', () => {
  for (const role of ROLES) {
    const e = ROLE_DECISIONS[role];
    it(`${role}: facts ${e.facts || 'none'}, usual relation ${e.usual}, ${e.staff ? 'staff' : 'not staff'}, ${e.worker ? 'acts as the worker' : 'not the worker'}, ${e.caseStaff ? 'takes part in cases' : 'no case'}`, () => {
      const p = principal(role, { workerId: role === 'worker' ? 'w1' : null });
      expect(factsNeeded(p)).toEqual({ companies: e.facts === 'C', consents: e.facts === 'K' });
      expect(usualRelation(p)).toBe(e.usual);
      expect(isServiceStaff(p)).toBe(e.staff);
      expect(actsAsWorker(p)).toBe(e.worker);
      expect(CASE_STAFF_ROLES.includes(role)).toBe(e.caseStaff);
      expect(mayAnswerLinkFor(p, 'w1')).toBe(e.worker);
      expect(mayAnswerLinkFor(p, 'w2')).toBe(false);
      // A new account of the role joins the service's organisation: staff and workers.
      expect(joinsServiceOrganisation(role)).toBe(e.staff || e.worker);
    });
  }
  it('a principal without a role: no facts, no relation, not staff, not the worker', () => {
    const p = principal(null);
    expect(factsNeeded(p)).toEqual({ companies: false, consents: false });
    expect(usualRelation(p)).toBe('none');
    expect(isServiceStaff(p)).toBe(false);
    expect(actsAsWorker(p)).toBe(false);
  });
  it('an API token deals with the service\'s workers, needs no facts, is not staff', () => {
    const t = principal(null, { kind: 'token', userId: null, tokenId: 't1', scopes: ['dossiers:read'] });
    expect(usualRelation(t)).toBe('service');
    expect(factsNeeded(t)).toEqual({ companies: false, consents: false });
    expect(isServiceStaff(t)).toBe(false);
    expect(mayAnswerLinkFor(t, 'w1')).toBe(false);
  });
  it('a worker answers only the links issued to him', () => {
    expect(mayAnswerLinkFor(principal('worker', { workerId: null }), 'w1')).toBe(false);
  });
});
