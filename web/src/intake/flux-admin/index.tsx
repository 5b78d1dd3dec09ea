import type { IntakeChannel } from '../types';

/** The flux intake channel's pages and navigation entries. */
export const channel: IntakeChannel = {
  routes: [],
  nav: () => [],
};
