/** Kysely types of the returns intake tables (their own migration). Filled by the returns channel. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntakeReturnsTables {}
