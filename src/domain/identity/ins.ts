/**
 * INS (identifiant national de santé) — référentiel national d'identitovigilance (RNIV).
 *
 * The INS matricule is the NIR (or NIA); the OID tells which authority assigned it.
 * Only the production OID designates a real person: the test and demo OIDs come from
 * the INSi test and demonstration environments and must never be mixed with real data.
 */

/** OID of an INS assigned from the NIR (production). */
export const INS_OID = 'urn:oid:1.2.250.1.213.1.4.8';
/** OID of an INS from the INSi test environment. */
export const INS_OID_TEST = 'urn:oid:1.2.250.1.213.1.4.10';
/** OID of an INS from the INSi demonstration environment. */
export const INS_OID_DEMO = 'urn:oid:1.2.250.1.213.1.4.11';

/** The four identity statuses of the RNIV, from least to most trusted. */
export const IDENTITY_STATUSES = ['provisoire', 'recuperee', 'validee', 'qualifiee'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

export const IDENTITY_STATUS_LABELS: Readonly<Record<IdentityStatus, string>> = {
  provisoire: 'Identité provisoire',
  recuperee: 'Identité récupérée',
  validee: 'Identité validée',
  qualifiee: 'Identité qualifiée',
};

/** Type guard for values read from storage or requests. */
export function isIdentityStatus(x: unknown): x is IdentityStatus {
  return typeof x === 'string' && (IDENTITY_STATUSES as readonly string[]).includes(x);
}

/**
 * Whether the INS may be used and shared (exchanges, documents).
 * RNIV: only a « qualifiée » identity — retrieved or checked by the INSi
 * teleservice AND validated against an identity document — allows it.
 */
export function canShareIns(status: IdentityStatus): boolean {
  return status === 'qualifiee';
}
