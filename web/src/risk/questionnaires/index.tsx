import type { WebPart } from '../../modules';

/** risk / questionnaires: pages, navigation and sections (filled by the part's owner). */
export const part: WebPart = {};
