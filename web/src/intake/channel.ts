/** What each intake channel plugs into the web app (UI types, not API shapes). */
import type { RouteObject } from 'react-router';
import type { navigation, ResponseOf } from '@contract';
import type { Session } from '../auth';

/** A navigation entry of the app shell. */
export interface NavEntry {
  to: string;
  label: string;
  /** A count shown beside the label (hidden when absent or 0). */
  badge?: number;
  /** What the count is, read by screen readers after the label (« 3 en retard »). */
  badgeLabel?: string;
}

/** The navigation counts, fetched once by the app shell: only those the principal may see are present. */
export type NavCounts = ResponseOf<typeof navigation.counts>;

export interface IntakeChannel {
  routes: RouteObject[];
  /** Plain function (no hooks): called while the app shell renders, with the counts it fetched. */
  nav(session: Session, counts: NavCounts): NavEntry[];
}
