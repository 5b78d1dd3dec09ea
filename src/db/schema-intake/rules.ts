/** Kysely types of the rules intake tables (their own migration). Filled by the rules channel. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntakeRulesTables {}
