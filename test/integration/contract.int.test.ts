/**
 * The contract and the server agree: every operation of src/contract is served, nothing else is
 * under /api/v1, every operation carries its permission in the OpenAPI document, and the
 * permission hook refuses before any service runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contract from '../../src/contract';
import type { OperationSpec } from '../../src/contract';
import { describePermission, permits, type Principal, type Role } from '../../src/domain/access';
import { demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

/** Every operation exported by the contract, found by walking its exports. */
function operations(): OperationSpec[] {
  const found = new Set<OperationSpec>();
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 4) return;
    const v = value as Record<string, unknown>;
    if (typeof v.method === 'string' && typeof v.path === 'string' && v.permission && typeof v.permission === 'object') {
      found.add(v as unknown as OperationSpec);
      return;
    }
    for (const child of Object.values(v)) walk(child, depth + 1);
  };
  walk(contract, 0);
  return [...found];
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const toOpenApi = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

let t: TestApp;
let doc: { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t?.close());

describe('the contract is what the server serves', () => {
  it('every operation of the contract is in the OpenAPI document, and every documented operation is in the contract', () => {
    const ops = operations().filter((o) => !o.hide);
    expect(ops.length).toBeGreaterThan(150);
    const fromContract = new Set(ops.map((o) => key(o.method, toOpenApi(o.path))));
    const fromServer = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => key(m, path))));
    expect([...fromContract].filter((k) => !fromServer.has(k))).toEqual([]);
    expect([...fromServer].filter((k) => !fromContract.has(k))).toEqual([]);
  });

  it('no two operations share a method and path', () => {
    const keys = operations().map((o) => key(o.method, o.path));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('every operation of the OpenAPI document carries x-permission, as its contract declares it', () => {
    const byKey = new Map(operations().map((o) => [key(o.method, toOpenApi(o.path)), o]));
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const declared = byKey.get(key(method, path));
        if (!op['x-permission'] || !declared || op['x-permission'] !== describePermission(declared.permission)) missing.push(key(method, path));
      }
    }
    expect(missing).toEqual([]);
    expect(Object.values(doc.paths).flatMap((m) => Object.values(m)).filter((o) => o['x-permission'] === 'public').length).toBeLessThan(8);
  });
});

describe('the permission hook refuses before the service runs', () => {
  const ACCOUNTS: Partial<Record<Role, string>> = { worker: 'salarie', employer: 'employeur', partner_agent: 'cpam', assistant: 'assistant', admin: 'admin' };
  const sessions: Partial<Record<Role, Session>> = {};
  beforeAll(async () => {
    for (const [role, account] of Object.entries(ACCOUNTS)) sessions[role as Role] = await login(t.app, demoEmail(account));
  });

  const principalOf = (role: Role): Principal => ({ kind: 'user', tenantId: 't', userId: 'u', tokenId: null, role, scopes: [], organisationId: 'o', organisationKind: 'spsti', companyId: null, workerId: null, label: 'x' });
  const fill = (path: string) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === 'kind' ? 'synthese' : name === 'token' ? 'x'.repeat(43) : '00000000-0000-4000-8000-0000000000ff'));

  it('a role without the declared capability gets 403 (or 400 for a malformed request), never an answer nor a 404', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations()) {
      if (op.permission.kind !== 'capability' && op.permission.kind !== 'data') continue;
      for (const role of Object.keys(ACCOUNTS) as Role[]) {
        if (permits(principalOf(role), op.permission)) continue;
        const s = sessions[role]!;
        const res = await t.app.inject({
          method: op.method,
          url: fill(op.path),
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
          ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: '{}' }),
        });
        checked++;
        if (res.statusCode !== 403 && res.statusCode !== 400) wrong.push(`${role} ${op.method} ${op.path} → ${res.statusCode}`);
        else if (res.statusCode === 403) expect(['ACCES_REFUSE', 'SESSION_REQUISE']).toContain(res.json().error.code);
        break; // one refused role per operation keeps the test fast
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('the refusal carries the message the operation declares', async () => {
    const s = sessions.assistant!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/00000000-0000-4000-8000-0000000000ff/transitions',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      payload: { to: 'clos' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'ACCES_REFUSE', message: "Votre rôle ne permet pas de changer l'état d'un dossier." });
  });
});
