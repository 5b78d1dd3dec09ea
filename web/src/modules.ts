import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Session } from './auth';
import type { NavCounts, NavEntry } from './intake/channel';

/**
 * What one part of a feature module (risk, parcours…) plugs into the web app: its pages, its
 * navigation entries, and sections shown on the shared pages. Each part lives in its own folder
 * (`web/src/<module>/<part>/index.tsx`) and exports `part`.
 */
export interface WebPart {
  routes?: RouteObject[];
  /** Pages reachable without a session (e.g. a questionnaire opened from a personal link), outside the app shell. */
  publicRoutes?: RouteObject[];
  nav?(session: Session, counts: NavCounts): NavEntry[];
  /** On the case page (/dossiers/:id), after the intake sections. */
  DossierSection?: ComponentType<{ dossierId: string }>;
  /** On the worker page (/salaries/:id). */
  WorkerSection?: ComponentType<{ workerId: string }>;
  /** In the worker's own space (/carnet). */
  CarnetSection?: ComponentType;
  /** In the partner space (/partenaire). */
  PartnerSection?: ComponentType;
  /** In the employer space (/employeur). */
  EmployerSection?: ComponentType;
}

export type Slot = 'DossierSection' | 'WorkerSection' | 'CarnetSection' | 'PartnerSection' | 'EmployerSection';
