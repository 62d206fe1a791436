/** What a person types to name a node: its id, a unique id prefix (6+ characters) or its display name. */
export type NodeRefMatch<T> = { node: T } | { error: 'none' | 'ambiguous'; candidates: T[] };

export function resolveNodeRef<T extends { nodeId: string; displayName?: string }>(
  nodes: readonly T[],
  ref: string,
): NodeRefMatch<T> {
  const wanted = ref.trim();
  const exact = nodes.find((n) => n.nodeId === wanted);
  if (exact) return { node: exact };
  const lower = wanted.toLowerCase();
  const byName = nodes.filter((n) => n.displayName?.toLowerCase() === lower);
  if (byName.length === 1) return { node: byName[0]! };
  if (byName.length > 1) return { error: 'ambiguous', candidates: byName };
  const byPrefix = lower.length >= 6 ? nodes.filter((n) => n.nodeId.toLowerCase().startsWith(lower)) : [];
  if (byPrefix.length === 1) return { node: byPrefix[0]! };
  return { error: byPrefix.length ? 'ambiguous' : 'none', candidates: byPrefix };
}
