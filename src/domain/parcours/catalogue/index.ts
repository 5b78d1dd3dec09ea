/** The catalogue of measures (versioned data), its working-day calendar and its rules. */
export * from './catalogue';
export * from './working-days';
export * from './rules';
export * from './eligibility';
