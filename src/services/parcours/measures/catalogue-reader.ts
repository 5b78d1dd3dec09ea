/** The catalogue of measures as the UI shows it (any member of the service's staff, or a worker / employer for the leaflet). */
import { approvalLabel, CATALOGUE, DURATION_UNIT_LABELS, type DurationLimit } from '../../../domain/parcours/catalogue';

const limitText = (l: DurationLimit | null) => (l ? `${l.max} ${DURATION_UNIT_LABELS[l.unit][l.max > 1 ? 1 : 0]}` : null);

export function readCatalogue() {
  return {
    version: CATALOGUE.version,
    publishedOn: CATALOGUE.publishedOn,
    sources: CATALOGUE.sources,
    measures: CATALOGUE.measures.map((m) => ({
      code: m.code,
      label: m.label,
      objective: m.objective,
      legalBasis: m.legalBasis,
      eligibility: m.eligibility,
      requiresArret: m.limits.requiresArret,
      maxPeriod: limitText(m.limits.period),
      maxRenewals: m.limits.maxRenewals,
      maxTotal: limitText(m.limits.total),
      approvals: m.approvals.map((k) => ({ kind: k, label: approvalLabel(k) })),
      partners: m.partners,
      employerVisibleAllowed: m.employerVisibleAllowed,
      leaflet: m.leaflet,
    })),
  };
}
