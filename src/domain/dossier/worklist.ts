/** Limits of the dossier worklist, shared by the service and the API contract. */
export const WORKLIST_MAX_PAGE_SIZE = 100;
export const WORKLIST_SORTS = ['due', 'opened', 'updated', 'reference'] as const;
