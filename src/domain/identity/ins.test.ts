import { describe, expect, it } from 'vitest';
import {
  canShareIns,
  IDENTITY_STATUS_LABELS,
  IDENTITY_STATUSES,
  INS_OID,
  INS_OID_DEMO,
  INS_OID_TEST,
  isIdentityStatus,
} from './ins';

describe('INS', () => {
  it('uses the three distinct INS OIDs', () => {
    expect(INS_OID).toBe('urn:oid:1.2.250.1.213.1.4.8');
    expect(INS_OID_TEST).toBe('urn:oid:1.2.250.1.213.1.4.10');
    expect(INS_OID_DEMO).toBe('urn:oid:1.2.250.1.213.1.4.11');
  });

  it('labels every status in French', () => {
    expect(IDENTITY_STATUS_LABELS).toEqual({
      provisoire: 'Identité provisoire',
      recuperee: 'Identité récupérée',
      validee: 'Identité validée',
      qualifiee: 'Identité qualifiée',
    });
  });

  it('allows sharing the INS only for a qualified identity', () => {
    expect(IDENTITY_STATUSES.filter(canShareIns)).toEqual(['qualifiee']);
  });

  it('recognises statuses', () => {
    expect(isIdentityStatus('validee')).toBe(true);
    expect(isIdentityStatus('qualifiée')).toBe(false);
    expect(isIdentityStatus(undefined)).toBe(false);
  });
});
