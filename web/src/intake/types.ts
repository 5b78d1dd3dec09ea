import type { RouteObject } from 'react-router';
import type { Session } from '../api';

/** A navigation entry of the app shell. */
export interface NavEntry {
  to: string;
  label: string;
}

/** What each intake channel plugs into the web app. */
export interface IntakeChannel {
  routes: RouteObject[];
  nav(session: Session): NavEntry[];
}
