import type { WebPart } from '../../modules';

/** parcours / partners: pages, navigation and sections (filled by the part's owner). */
export const part: WebPart = {};
