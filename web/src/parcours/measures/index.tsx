import type { WebPart } from '../../modules';

/** parcours / measures: pages, navigation and sections (filled by the part's owner). */
export const part: WebPart = {};
