/**
 * The audit log's hash chain. Each event's hash covers its own fields and the previous
 * event's hash, so altering or deleting any event breaks every hash after it; the chain head
 * (last seq and hash) is kept apart so that removing the newest events is detected too.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  tenantId: string;
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  category: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function auditHash(e: AuditFields): string {
  const payload = canonicalJson([
    e.tenantId,
    e.seq,
    e.at.toISOString(),
    e.actorUserId,
    e.actorTokenId,
    e.actorLabel,
    e.action,
    e.subjectType,
    e.subjectId,
    e.category,
    e.purpose,
    e.details,
    e.prevHash,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

export interface ChainProblem {
  seq: number;
  code: 'HASH_ALTERE' | 'MAILLON_MANQUANT' | 'CHAINAGE_ROMPU' | 'TETE_INCOHERENTE';
  message: string;
}

/**
 * Verifies events of one tenant, given in seq order, against the recorded head.
 * Returns every problem found (empty = intact).
 */
export function verifyChain(
  events: Iterable<AuditFields & { hash: string }>,
  head: { seq: number; hash: string } | null,
): { checked: number; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const e of events) {
    checked++;
    if (e.seq !== expectedSeq) {
      problems.push({ seq: expectedSeq, code: 'MAILLON_MANQUANT', message: `Événements ${expectedSeq} à ${e.seq - 1} absents du journal.` });
    }
    if (e.prevHash !== prev) {
      problems.push({ seq: e.seq, code: 'CHAINAGE_ROMPU', message: `L'événement ${e.seq} ne suit pas l'événement qui le précède.` });
    }
    if (auditHash(e) !== e.hash) {
      problems.push({ seq: e.seq, code: 'HASH_ALTERE', message: `L'événement ${e.seq} a été modifié après son enregistrement.` });
    }
    prev = e.hash;
    expectedSeq = e.seq + 1;
  }
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prev)) {
    problems.push({
      seq: head.seq,
      code: 'TETE_INCOHERENTE',
      message: `La tête de chaîne indique ${head.seq} événement(s), le journal en contient ${lastSeq} : des événements récents ont été supprimés ou modifiés.`,
    });
  }
  if (!head && checked > 0) {
    problems.push({ seq: 0, code: 'TETE_INCOHERENTE', message: 'La tête de chaîne du journal est absente.' });
  }
  return { checked, problems };
}
