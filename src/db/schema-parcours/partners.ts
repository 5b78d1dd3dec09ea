/** Kysely types of the tables of parcours / partners (filled by the part's owner with its migration). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ParcoursPartnerTables {}
