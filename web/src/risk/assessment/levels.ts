/** Colours of the index levels 0–3 (UI only; the labels come from the contract). */
export const LEVEL_COLORS = ['teal.9', 'yellow.4', 'orange.6', 'red.9'] as const;
/** Text colour on each level's badge (WCAG AA contrast with the background). */
export const LEVEL_TEXT = ['white', 'dark.9', 'dark.9', 'white'] as const;
