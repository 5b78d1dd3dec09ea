/**
 * The one check every transmission to a partner and every partner read goes through (contract
 * C5). It reads the consent table at the moment of the call, inside the caller's transaction:
 * a withdrawal committed before is seen at once.
 */
import type { Kysely } from 'kysely';
import * as consents from '../../db/repositories/consent.repository';
import type { DB } from '../../db/schema';
import { DOSSIER_SHARING_PURPOSES, type ConsentPurpose } from '../../domain/consent/purposes';

/**
 * Does the worker hold a current (not withdrawn) consent naming the organisation?
 * With `purpose`, for exactly that purpose; without, for a purpose that shares the dossier
 * (partage du dossier: partner space, adressages, messages).
 * `opts.lock` keeps the consent row locked (FOR SHARE) until the transaction ends, so a
 * concurrent withdrawal waits for the transmission that relied on it.
 */
export async function hasCurrentConsent(
  trx: Kysely<DB>,
  tenantId: string,
  workerId: string,
  organisationId: string,
  purpose?: ConsentPurpose | string,
  opts: { lock?: boolean } = {},
): Promise<boolean> {
  const purposes = purpose === undefined ? DOSSIER_SHARING_PURPOSES : [purpose];
  return consents.hasCurrentConsentFor(trx, tenantId, workerId, organisationId, purposes, opts.lock ?? false);
}
