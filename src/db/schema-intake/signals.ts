/** Kysely types of the signals intake tables (their own migration). Filled by the signals channel. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntakeSignalsTables {}
