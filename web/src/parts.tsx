/** Every feature part plugged into the app shell: routes, navigation, sections of shared pages. */
import type { Session } from './auth';
import type { NavCounts, NavEntry } from './intake/channel';
import type { Slot, WebPart } from './modules';
import { part as riskQuestionnaires } from './risk/questionnaires';
import { part as riskAssessment } from './risk/assessment';
import { part as riskSuggestions } from './risk/suggestions';
import { part as riskEvaluation } from './risk/evaluation';
import { part as riskModel } from './risk/model';
import { part as parcoursMeasures } from './parcours/measures';
import { part as parcoursVisits } from './parcours/visits';
import { part as parcoursPartners } from './parcours/partners';

const PARTS: readonly WebPart[] = [riskQuestionnaires, riskAssessment, riskSuggestions, riskEvaluation, riskModel, parcoursMeasures, parcoursVisits, parcoursPartners];

export const partRoutes = PARTS.flatMap((p) => p.routes ?? []);
export const partPublicRoutes = PARTS.flatMap((p) => p.publicRoutes ?? []);

export function partNavEntries(session: Session, counts: NavCounts = {}): NavEntry[] {
  return PARTS.flatMap((p) => p.nav?.(session, counts) ?? []);
}

type SlotProps = {
  DossierSection: { dossierId: string };
  WorkerSection: { workerId: string };
  CarnetSection: object;
  PartnerSection: object;
  EmployerSection: object;
};

/** Renders every part's section for one slot of a shared page, in the order of PARTS. */
export function PartSections<S extends Slot>(props: { slot: S } & SlotProps[S]) {
  const { slot, ...rest } = props;
  return (
    <>
      {PARTS.map((p, i) => {
        const Section = p[slot] as React.ComponentType<Record<string, unknown>> | undefined;
        return Section ? <Section key={i} {...rest} /> : null;
      })}
    </>
  );
}
