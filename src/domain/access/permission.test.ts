import { describe, expect, it } from 'vitest';
import { describePermission, ensurePermission, permits, requiresSession, type Permission } from './permission';
import type { Principal } from './policy';
import { ROLES, type Role } from './roles';

const T = '00000000-0000-4000-8000-00000000000a';

function user(role: Role): Principal {
  return { kind: 'user', tenantId: T, userId: 'u1', tokenId: null, role, scopes: [], organisationId: 'o', organisationKind: 'spsti', companyId: null, workerId: null, label: 't' };
}
function token(...scopes: Principal['scopes']): Principal {
  return { kind: 'token', tenantId: T, userId: null, tokenId: 't1', role: null, scopes, organisationId: 'o', organisationKind: 'spsti', companyId: null, workerId: null, label: 'jeton' };
}

const medicalRead: Permission = { kind: 'data', action: 'read', category: 'medical' };
const transition: Permission = { kind: 'capability', anyOf: ['dossier.transition'], refusal: "Votre rôle ne permet pas de changer l'état d'un dossier." };

describe('route permissions', () => {
  it('public needs no principal; every other kind needs one', () => {
    expect(permits(null, { kind: 'public' })).toBe(true);
    expect(permits(null, { kind: 'authenticated' })).toBe(false);
    expect(permits(null, transition)).toBe(false);
    expect(permits(null, medicalRead)).toBe(false);
  });

  it('authenticated admits any user and any token', () => {
    for (const r of ROLES) expect(permits(user(r), { kind: 'authenticated' })).toBe(true);
    expect(permits(token('flux'), { kind: 'authenticated' })).toBe(true);
  });

  it('capability: exactly the roles that hold one of the capabilities', () => {
    const expected: Record<Role, boolean> = {
      medecin_travail: true, infirmier: true, assistant_social: true, psychologue: true, ergonome: true, charge_mission: true,
      assistant: false, admin: false, partner_agent: false, employer: false, worker: false,
    };
    for (const r of ROLES) expect(permits(user(r), transition), r).toBe(expected[r]);
    // any of several
    const either: Permission = { kind: 'capability', anyOf: ['employer.space', 'worker.space'] };
    expect(ROLES.filter((r) => permits(user(r), either))).toEqual(['employer', 'worker']);
  });

  it('capability through an API token scope', () => {
    const ingest: Permission = { kind: 'capability', anyOf: ['flux.ingest'] };
    expect(permits(token('flux'), ingest)).toBe(true);
    expect(permits(token('retours'), ingest)).toBe(false);
  });

  it('data: the roles with any grant on the category for the action', () => {
    expect(ROLES.filter((r) => permits(user(r), medicalRead))).toEqual(['medecin_travail', 'infirmier', 'worker']);
    expect(ROLES.filter((r) => permits(user(r), { kind: 'data', action: 'write', category: 'medical' }))).toEqual(['medecin_travail', 'infirmier']);
    expect(permits(token('dossiers:read'), { kind: 'data', action: 'read', category: 'administrative' })).toBe(true);
    expect(permits(token('dossiers:read'), { kind: 'data', action: 'write', category: 'administrative' })).toBe(false);
    expect(permits(token('dossiers:read'), medicalRead)).toBe(false);
  });

  it('refuses users with the declared French message, tokens with PORTEE_INSUFFISANTE', () => {
    expect(() => ensurePermission(user('assistant'), transition)).toThrow(expect.objectContaining({ code: 'ACCES_REFUSE', message: "Votre rôle ne permet pas de changer l'état d'un dossier." }));
    expect(() => ensurePermission(user('employer'), medicalRead)).toThrow(expect.objectContaining({ code: 'ACCES_REFUSE', message: 'Votre rôle ne permet pas cette action.' }));
    expect(() => ensurePermission(token('flux'), transition)).toThrow(expect.objectContaining({ code: 'PORTEE_INSUFFISANTE' }));
    expect(() => ensurePermission(user('medecin_travail'), transition)).not.toThrow();
  });

  it('is published as a stable x-permission string', () => {
    expect(describePermission({ kind: 'public' })).toBe('public');
    expect(describePermission({ kind: 'authenticated' })).toBe('authenticated');
    expect(describePermission({ kind: 'authenticated', session: true })).toBe('session');
    expect(describePermission({ kind: 'capability', anyOf: ['meeting.manage', 'meeting.attend'] })).toBe('capability:meeting.manage|meeting.attend');
    expect(describePermission({ kind: 'capability', anyOf: ['token.manage'], session: true })).toBe('session+capability:token.manage');
    expect(describePermission(medicalRead)).toBe('data:medical:read');
    expect(requiresSession({ kind: 'capability', anyOf: ['token.manage'], session: true })).toBe(true);
    expect(requiresSession({ kind: 'public' })).toBe(false);
  });
});
