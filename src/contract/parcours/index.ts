/** Parcours: measures, documents, visits, meetings, partners, consent, exit and follow-up. */
export * from './measures';
export * from './visits';
export * from './meetings';
export * from './exit';
export * from './inaptitudes';
export * from './partners';
