/**
 * The context every service receives: the tenant transaction, who is acting, the clock, and
 * an audit buffer flushed into the hash chain just before commit (so the chain's lock is held
 * only for the end of the transaction).
 */
import type { Database } from '../db/connection';
import { appendAuditEvents, type AuditInput } from '../db/repositories/audit.repository';
import { inTenant, type Tx } from '../db/tenant-tx';
import type { Category, Principal } from '../domain/access';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  category?: Category | null;
  purpose?: string | null;
  details?: Record<string, unknown>;
}

export interface Ctx {
  readonly trx: Tx;
  readonly principal: Principal;
  readonly now: Date;
  /** Records an audit event (written at the end of the transaction). */
  audit(entry: AuditEntry): void;
}

/** Runs `fn` in one tenant transaction as `principal`; audit events commit with the work. */
export async function withCtx<T>(database: Database, principal: Principal, fn: (ctx: Ctx) => Promise<T>, now = new Date()): Promise<T> {
  return inTenant(database.db, principal.tenantId, async (trx) => {
    const buffer: AuditInput[] = [];
    const ctx: Ctx = {
      trx,
      principal,
      now,
      audit(e) {
        buffer.push({
          actorUserId: principal.userId,
          actorTokenId: principal.tokenId,
          actorLabel: principal.label,
          action: e.action,
          subjectType: e.subjectType,
          subjectId: e.subjectId,
          category: e.category ?? null,
          purpose: e.purpose ?? null,
          details: e.details ?? {},
          at: now,
        });
      },
    };
    const result = await fn(ctx);
    await appendAuditEvents(trx, principal.tenantId, buffer);
    return result;
  });
}

/** A principal for work done by the system itself (CLI, seed), attributed in the audit log. */
export function systemPrincipal(tenantId: string, organisationId: string, label = 'Système (ligne de commande)'): Principal {
  return {
    kind: 'user',
    tenantId,
    userId: null,
    tokenId: null,
    role: 'admin',
    scopes: [],
    organisationId,
    organisationKind: 'spsti',
    companyId: null,
    workerId: null,
    label,
  };
}
