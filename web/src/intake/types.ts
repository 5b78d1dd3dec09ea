/**
 * Kept only for the app shell's imports (components/AppLayout.tsx, parts.tsx, modules.ts) until
 * they import from './intake/channel'; no API shape is defined here.
 */
export type { IntakeChannel, NavCounts, NavEntry } from './channel';
