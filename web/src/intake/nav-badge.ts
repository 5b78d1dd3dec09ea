import type { NavEntry } from './channel';

/** The badge of a navigation entry: nothing for an absent or zero count. */
export function badge(count: number | undefined, what: string): Pick<NavEntry, 'badge' | 'badgeLabel'> {
  return count ? { badge: count, badgeLabel: `${count} ${what}` } : {};
}
