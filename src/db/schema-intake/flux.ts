/** Kysely types of the flux intake tables (their own migration). Filled by the flux channel. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntakeFluxTables {}
