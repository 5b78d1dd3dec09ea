/** SQL of the audit log: append (chained), read back, search. */
import { type Kysely } from 'kysely';
import { auditHash, GENESIS_HASH, type AuditFields } from '../../domain/audit/chain';
import type { DB } from '../schema';

export interface AuditInput {
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  category?: string | null;
  purpose?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends events to the tenant's chain inside the caller's transaction. The head row is
 * locked until commit, which serialises appends of one tenant without blocking others.
 */
export async function appendAuditEvents(trx: Kysely<DB>, tenantId: string, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  // One statement creates the head if needed, locks it until commit and returns it.
  const head = await trx
    .insertInto('audit_head')
    .values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ tenant_id: (eb) => eb.ref('excluded.tenant_id') }))
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows = events.map((e) => {
    seq += 1;
    const fields: AuditFields = {
      tenantId,
      seq,
      at: e.at ?? new Date(),
      actorUserId: e.actorUserId,
      actorTokenId: e.actorTokenId,
      actorLabel: e.actorLabel,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      category: e.category ?? null,
      purpose: e.purpose ?? null,
      details: e.details ?? {},
      prevHash: prev,
    };
    const hash = auditHash(fields);
    prev = hash;
    return {
      tenant_id: tenantId,
      seq,
      at: fields.at,
      actor_user_id: fields.actorUserId,
      actor_token_id: fields.actorTokenId,
      actor_label: fields.actorLabel,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      category: fields.category,
      purpose: fields.purpose,
      details: JSON.stringify(fields.details),
      prev_hash: fields.prevHash,
      hash,
    };
  });
  const CHUNK = 500;
  for (let i = 0; i + CHUNK < rows.length; i += CHUNK) {
    await trx.insertInto('audit_event').values(rows.slice(i, i + CHUNK)).execute();
  }
  // The last (usually only) chunk and the new head in one statement.
  const last = rows.slice(Math.floor((rows.length - 1) / CHUNK) * CHUNK);
  await trx
    .with('appended', (db) => db.insertInto('audit_event').values(last))
    .updateTable('audit_head')
    .set({ seq, hash: prev })
    .where('tenant_id', '=', tenantId)
    .execute();
}

export function toAuditFields(r: Record<string, unknown>): AuditFields & { hash: string } {
  return {
    tenantId: r.tenant_id as string,
    seq: Number(r.seq),
    at: r.at as Date,
    actorUserId: (r.actor_user_id as string | null) ?? null,
    actorTokenId: (r.actor_token_id as string | null) ?? null,
    actorLabel: r.actor_label as string,
    action: r.action as string,
    subjectType: r.subject_type as string,
    subjectId: (r.subject_id as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    purpose: (r.purpose as string | null) ?? null,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

/** Reads a tenant's events in seq order, page by page (bounded memory for long chains). */
export async function* readAuditChain(db: Kysely<DB>, tenantId: string, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield toAuditFields(r as unknown as Record<string, unknown>);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

export async function readAuditHead(db: Kysely<DB>, tenantId: string) {
  const h = await db.selectFrom('audit_head').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return h ? { seq: Number(h.seq), hash: h.hash } : null;
}

export interface AuditSearch {
  subjectType?: string;
  subjectId?: string;
  actorUserId?: string;
  action?: string;
  beforeSeq?: number;
  limit: number;
}

export async function searchAuditEvents(db: Kysely<DB>, tenantId: string, q: AuditSearch) {
  let query = db.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId);
  if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.actorUserId) query = query.where('actor_user_id', '=', q.actorUserId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
  return rows.map((r) => toAuditFields(r as unknown as Record<string, unknown>));
}

