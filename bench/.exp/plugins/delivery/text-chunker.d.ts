/**
 * Split a reply into pieces no longer than `limit`, preferring paragraph breaks, then line
 * breaks, then sentence ends, then spaces; a single unbreakable run is cut hard. Pieces keep
 * their order and lose only the whitespace at the cut.
 */
export declare function chunkText(text: string, limit: number): string[];
