import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, verifyChain, type AuditFields } from './chain';

function chain(n: number) {
  const events: (AuditFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: AuditFields = {
      tenantId: 't',
      seq,
      at: new Date(Date.UTC(2026, 10, 25, 10, 0, seq)),
      actorUserId: 'u',
      actorTokenId: null,
      actorLabel: 'Dr Test',
      action: 'dossier.read',
      subjectType: 'dossier',
      subjectId: `d${seq}`,
      category: 'medical',
      purpose: null,
      details: { b: 2, a: [1, { z: 1, y: 2 }] },
      prevHash: prev,
    };
    const hash = auditHash(e);
    events.push({ ...e, hash });
    prev = hash;
  }
  return { events, head: { seq: n, hash: prev } };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, so jsonb key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    const { events, head } = chain(5);
    expect(verifyChain(events, head)).toEqual({ checked: 5, problems: [] });
  });
  it('accepts an empty log without head', () => {
    expect(verifyChain([], null)).toEqual({ checked: 0, problems: [] });
  });
  it('detects an altered field', () => {
    const { events, head } = chain(5);
    events[2] = { ...events[2], actorLabel: 'Quelqu’un d’autre' };
    const r = verifyChain(events, head);
    expect(r.problems.map((p) => [p.seq, p.code])).toEqual([[3, 'HASH_ALTERE']]);
  });
  it('detects an altered detail even with the hash recomputed (the next link breaks)', () => {
    const { events, head } = chain(5);
    const forged = { ...events[1], details: { b: 3 } };
    events[1] = { ...forged, hash: auditHash(forged) };
    const r = verifyChain(events, head);
    expect(r.problems.map((p) => p.code)).toContain('CHAINAGE_ROMPU');
  });
  it('detects a deleted event in the middle', () => {
    const { events, head } = chain(5);
    events.splice(2, 1);
    const codes = verifyChain(events, head).problems.map((p) => p.code);
    expect(codes).toContain('MAILLON_MANQUANT');
    expect(codes).toContain('CHAINAGE_ROMPU');
  });
  it('detects deleted newest events through the head', () => {
    const { events, head } = chain(5);
    const r = verifyChain(events.slice(0, 4), head);
    expect(r.problems.map((p) => p.code)).toEqual(['TETE_INCOHERENTE']);
  });
  it('detects a missing head', () => {
    const { events } = chain(2);
    expect(verifyChain(events, null).problems.map((p) => p.code)).toEqual(['TETE_INCOHERENTE']);
  });
});
