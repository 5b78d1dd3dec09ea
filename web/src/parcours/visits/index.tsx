import type { WebPart } from '../../modules';

/** parcours / visits: pages, navigation and sections (filled by the part's owner). */
export const part: WebPart = {};
