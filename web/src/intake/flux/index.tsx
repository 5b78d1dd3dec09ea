import type { IntakeChannel } from '../channel';

/** The flux intake channel's pages and navigation entries. */
export const channel: IntakeChannel = {
  routes: [],
  nav: () => [],
};
