/**
 * Trees kept as parent pointers (objectives, nested programmes). Iterative walks only:
 * a deep tree must never overflow the stack.
 */

/**
 * The cycle that re-parenting `id` under `newParent` would create, as the ids in the loop
 * starting with `id`; empty when the move is safe.
 *
 * @param parentOf current parent of every node (`null` for a root)
 * @example wouldCreateCycle(new Map([['a', null], ['b', 'a']]), 'a', 'b') // ['a', 'b']
 */
export function wouldCreateCycle<Id extends string>(
  parentOf: ReadonlyMap<Id, Id | null>,
  id: Id,
  newParent: Id | null,
): Id[] {
  if (newParent === null) return [];
  const chain: Id[] = [];
  const seen = new Set<Id>();
  let cursor: Id | null = newParent;
  while (cursor !== null && !seen.has(cursor)) {
    chain.push(cursor);
    if (cursor === id) return [id, ...chain.slice(0, -1).reverse()];
    seen.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return [];
}

/** Ancestors of `id`, nearest first (not including `id`). Stops at a cycle rather than looping. */
export function ancestorsOf<Id extends string>(parentOf: ReadonlyMap<Id, Id | null>, id: Id): Id[] {
  const out: Id[] = [];
  const seen = new Set<Id>([id]);
  let cursor = parentOf.get(id) ?? null;
  while (cursor !== null && !seen.has(cursor)) {
    out.push(cursor);
    seen.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return out;
}

/** Depth-first order of a forest (parents before children, siblings in the given order). */
export function treeOrder<Id extends string>(nodes: readonly { id: Id; parentId: Id | null }[]): Id[] {
  const children = new Map<Id | null, Id[]>();
  const known = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const key = n.parentId !== null && known.has(n.parentId) ? n.parentId : null;
    const list = children.get(key) ?? [];
    list.push(n.id);
    children.set(key, list);
  }
  const out: Id[] = [];
  const stack: Id[] = [...(children.get(null) ?? [])].reverse();
  const seen = new Set<Id>();
  while (stack.length > 0) {
    const id = stack.pop() as Id;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    const kids = children.get(id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Id);
  }
  return out;
}
