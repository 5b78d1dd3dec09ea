/** Intake (issue 4) plugged into the app: routes, navigation entries, dossier page sections. */
import type { Session } from '../auth';
import { channel as flux } from './flux';
import { channel as fluxAdmin } from './flux-admin';
import { channel as returns } from './returns';
import { DossierSection as ReturnsSection } from './returns/DossierSection';
import { channel as rules } from './rules';
import { DossierSection as RulesSection } from './rules/DossierSection';
import { channel as signals } from './signals';
import { DossierSection as SignalsSection } from './signals/DossierSection';
import { channel as triage } from './triage';
import type { NavCounts, NavEntry } from './channel';

const CHANNELS = [signals, triage, rules, flux, fluxAdmin, returns];

export const intakeRoutes = CHANNELS.flatMap((c) => c.routes);

export function intakeNavEntries(session: Session, counts: NavCounts = {}): NavEntry[] {
  return CHANNELS.flatMap((c) => c.nav(session, counts));
}

export function IntakeDossierSections({ dossierId }: { dossierId: string }) {
  return (
    <>
      <SignalsSection dossierId={dossierId} />
      <RulesSection dossierId={dossierId} />
      <ReturnsSection dossierId={dossierId} />
    </>
  );
}
