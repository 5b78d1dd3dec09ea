/** Kysely types of the tables of parcours / measures (filled by the part's owner with its migration). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ParcoursMeasureTables {}
