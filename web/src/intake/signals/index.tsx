import type { IntakeChannel } from '../types';

/** The signals intake channel's pages and navigation entries. */
export const channel: IntakeChannel = {
  routes: [],
  nav: () => [],
};
