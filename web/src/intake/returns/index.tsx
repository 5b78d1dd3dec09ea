import type { IntakeChannel } from '../types';

/** The returns intake channel's pages and navigation entries. */
export const channel: IntakeChannel = {
  routes: [],
  nav: () => [],
};
