import type { WebPart } from '../../modules';

/** risk / assessment: pages, navigation and sections (filled by the part's owner). */
export const part: WebPart = {};
