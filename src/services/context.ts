/**
 * The context every service receives: the tenant transaction, who is acting, the clock, and
 * `record`, the one way a service says what happened: the audit event (buffered, flushed into the
 * hash chain just before commit, so the chain's lock is held only for the end of the transaction)
 * and, when the event belongs on a dossier's timeline, its entries (decision D12).
 */
import type { Database } from '../db/connection';
import { appendAuditEvents, type AuditInput } from '../db/repositories/audit.repository';
import * as timeline from '../db/repositories/timeline.repository';
import type { TimelineEntry, TimelineKind } from '../db/repositories/timeline.repository';
import { inTenant, type Tx } from '../db/tenant-tx';
import type { Category, Principal } from '../domain/access';

/** The audit part of an event: what was done, to what, on data of which category, and why. */
export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  category?: Category | null;
  purpose?: string | null;
  details?: Record<string, unknown>;
}

/**
 * How an event shows on a dossier's timeline. The tenant and the author (the acting principal),
 * and the time (`ctx.now`) are filled by `record`.
 */
export interface TimelineNote {
  dossierId: string;
  kind: TimelineKind;
  /** Data category of the entry's content: it decides who reads the entry. */
  category: Category;
  title: string | null;
  body: string;
  /** Shown in the worker's own space; false unless said. */
  sharedWithWorker?: boolean;
  /**
   * Only when the entry must name someone other than the acting principal (a dossier opened by
   * a signal from outside the cell names its origin, not the signaller).
   */
  author?: { userId: string | null; name: string | null };
  /** Chosen in advance when the audit event names the entry (`details: { entryId }`). */
  id?: string;
}

/**
 * What happened, recorded once: the audit event (always) and, where it belongs on a dossier's
 * timeline, one entry or several (one per dossier concerned, or a second entry of another data
 * category). Example:
 *   await ctx.record({ action: 'dossier.assign', subjectType: 'dossier', subjectId: d.id, category: 'administrative',
 *     details: { userIds }, timeline: { dossierId: d.id, kind: 'assignment', category: 'administrative', title: 'Intervenants', body } });
 */
export interface RecordedEvent extends AuditEntry {
  timeline?: TimelineNote | readonly TimelineNote[];
}

export interface Ctx {
  readonly trx: Tx;
  readonly principal: Principal;
  readonly now: Date;
  /**
   * Records an event: writes its timeline entries now (in this transaction) and buffers its audit
   * event (written at the end of the transaction). Answers the entries written, in order.
   */
  record(event: RecordedEvent): Promise<TimelineEntry[]>;
}

/** Runs `fn` in one tenant transaction as `principal`; audit events commit with the work. */
export async function withCtx<T>(database: Database, principal: Principal, fn: (ctx: Ctx) => Promise<T>, now = new Date()): Promise<T> {
  return inTenant(database.db, principal.tenantId, async (trx) => {
    const buffer: AuditInput[] = [];
    const audit = (e: AuditEntry) => {
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
    };
    const ctx: Ctx = {
      trx,
      principal,
      now,
      async record({ timeline: notes, ...event }) {
        const entries: TimelineEntry[] = [];
        for (const n of notes === undefined ? [] : Array.isArray(notes) ? (notes as readonly TimelineNote[]) : [notes as TimelineNote]) {
          entries.push(
            await timeline.insertEntry(trx, {
              ...(n.id !== undefined ? { id: n.id } : {}),
              tenant_id: principal.tenantId,
              dossier_id: n.dossierId,
              kind: n.kind,
              category: n.category,
              title: n.title,
              body: n.body,
              shared_with_worker: n.sharedWithWorker ?? false,
              author_user_id: n.author ? n.author.userId : principal.userId,
              author_name: n.author ? n.author.name : principal.label,
              created_at: now,
            }),
          );
        }
        audit(event);
        return entries;
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
