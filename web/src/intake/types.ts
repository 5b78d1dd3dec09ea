import type { RouteObject } from 'react-router';
import type { Session } from '../api';

/** A navigation entry of the app shell. */
export interface NavEntry {
  to: string;
  label: string;
  /** A count shown beside the label (hidden when absent or 0). */
  badge?: number;
  /** What the count is, read by screen readers after the label (« 3 en retard »). */
  badgeLabel?: string;
}

/**
 * The navigation counts (GET /api/v1/navigation/compteurs), fetched once by the app shell: only
 * those the principal may see are present.
 */
export interface NavCounts {
  tachesEnRetard?: number;
  signalementsATraiter?: number;
  identitesARapprocher?: number;
  retoursEnErreur?: number;
}

/** What each intake channel plugs into the web app. */
export interface IntakeChannel {
  routes: RouteObject[];
  /** Plain function (no hooks): called while the app shell renders, with the counts it fetched. */
  nav(session: Session, counts: NavCounts): NavEntry[];
}
