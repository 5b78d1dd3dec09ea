import type { IntakeChannel } from '../types';

/** The rules intake channel's pages and navigation entries. */
export const channel: IntakeChannel = {
  routes: [],
  nav: () => [],
};
