/**
 * Personal links to answer a questionnaire from a phone: one questionnaire, one worker, an expiry.
 * Only the SHA-256 of the token is stored; the token itself is shown once to the professional.
 */
import type { Checked } from '../../errors';

/** Default life of a link (days); the professional may choose between the bounds. */
export const LINK_DEFAULT_DAYS = 14;
export const LINK_MIN_DAYS = 1;
export const LINK_MAX_DAYS = 60;

const DAY_MS = 86_400_000;

export function checkLinkDays(days: number | null | undefined): Checked<number> {
  if (days === null || days === undefined) return { ok: true, value: LINK_DEFAULT_DAYS };
  if (!Number.isInteger(days) || days < LINK_MIN_DAYS || days > LINK_MAX_DAYS) {
    return { ok: false, code: 'DUREE_LIEN_INVALIDE', message: `La durée de validité du lien doit être comprise entre ${LINK_MIN_DAYS} et ${LINK_MAX_DAYS} jours.`, field: 'expiresInDays' };
  }
  return { ok: true, value: days };
}

export const linkExpiry = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

/** A link is usable strictly before its expiry instant. */
export const linkExpired = (expiresAt: Date, now: Date) => now.getTime() >= expiresAt.getTime();

export type LinkState = 'ouvert' | 'complete' | 'expire' | 'revoque';
export const LINK_STATE_LABELS: Readonly<Record<LinkState, string>> = { ouvert: 'En attente de réponse', complete: 'Complété', expire: 'Expiré', revoque: 'Annulé' };

export function linkState(l: { completed_at: Date | string | null; revoked_at: Date | string | null; expires_at: Date | string }, now: Date): LinkState {
  if (l.completed_at) return 'complete';
  if (l.revoked_at) return 'revoque';
  return linkExpired(new Date(l.expires_at), now) ? 'expire' : 'ouvert';
}
