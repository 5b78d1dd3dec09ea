/** Intake: the AM flux, its administration, signals, detection rules and tasks, returns to the AM. */
export * from './flux';
export * from './flux-admin';
export * from './returns';
export * from './rules';
export * from './signals';
export * from './triage';
