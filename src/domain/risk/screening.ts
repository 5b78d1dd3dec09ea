/**
 * « Repérage par l'indice » (docs/risk-suggestions.md): the filters' defaults and bounds, checked
 * by the service (services/risk/suggestions/suggestions-lister.ts) and described by the contract.
 */

/** Lowest suggested level listed by default. */
export const SCREENING_DEFAULT_MIN_LEVEL = 2;
/** Without a signed assessment for this many months (default, and longest period). */
export const SCREENING_DEFAULT_MONTHS = 12;
export const SCREENING_MAX_MONTHS = 120;
/** Lines per page (default, and largest page). */
export const SCREENING_DEFAULT_PAGE_SIZE = 25;
export const SCREENING_MAX_PAGE_SIZE = 100;
/** Highest page number accepted. */
export const SCREENING_MAX_PAGE = 100_000;
