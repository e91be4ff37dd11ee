import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, treeOrder, wouldCreateCycle } from './hierarchy.js';

const tree = new Map<string, string | null>([
  ['root', null],
  ['a', 'root'],
  ['b', 'a'],
  ['c', 'b'],
  ['other', null],
]);

describe('moving a node in a tree', () => {
  it('names the loop when a node would move under itself or its descendant', () => {
    expect(wouldCreateCycle(tree, 'a', 'a')).toEqual(['a']);
    expect(wouldCreateCycle(tree, 'a', 'c')).toEqual(['a', 'b', 'c']);
    expect(wouldCreateCycle(tree, 'root', 'b')).toEqual(['root', 'a', 'b']);
  });

  it('allows moves to a root, a sibling branch or an ancestor', () => {
    expect(wouldCreateCycle(tree, 'c', null)).toEqual([]);
    expect(wouldCreateCycle(tree, 'c', 'other')).toEqual([]);
    expect(wouldCreateCycle(tree, 'c', 'root')).toEqual([]);
  });

  // A recursive walk overflows the stack near 10,000 levels; 200,000 proves there is none.
  it('walks a chain of 200,000 nodes without overflowing the stack', { timeout: 30_000 }, () => {
    const chain = new Map<string, string | null>();
    chain.set('n0', null);
    for (let i = 1; i < 200_000; i++) chain.set(`n${i}`, `n${i - 1}`);
    expect(ancestorsOf(chain, 'n199999')).toHaveLength(199_999);
    expect(wouldCreateCycle(chain, 'n0', 'n199999')).toHaveLength(200_000);
  });

  it('never reports a cycle for a move that keeps the parent graph acyclic, and always for one that does not (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (parents, x, y) => {
        // node i's parent is some j < i (or none): always a forest
        const n = parents.length;
        const map = new Map<string, string | null>();
        parents.forEach((p, i) => map.set(`n${i}`, i === 0 || p % (i + 1) === i ? null : `n${p % i}`));
        const id = `n${x % n}`;
        const target = `n${y % n}`;
        const loop = wouldCreateCycle(map, id, target);
        const moved = new Map(map).set(id, target);
        const acyclic = ancestorsOf(moved, id).length === ancestorsOfNoCycle(moved, id);
        expect(loop.length === 0).toBe(acyclic);
      }),
    );
  });

  it('orders a forest parents-first, keeping sibling order', () => {
    const order = treeOrder([
      { id: 'b', parentId: 'a' },
      { id: 'x', parentId: null },
      { id: 'a', parentId: null },
      { id: 'c', parentId: 'a' },
      { id: 'd', parentId: 'b' },
    ]);
    expect(order).toEqual(['x', 'a', 'b', 'd', 'c']);
  });
});

/** Reference: counts steps to a root, or -1 when the walk loops back to the start. */
function ancestorsOfNoCycle(map: Map<string, string | null>, id: string): number {
  let steps = 0;
  let cursor = map.get(id) ?? null;
  while (cursor !== null) {
    if (cursor === id) return -1;
    steps++;
    if (steps > map.size) return -1;
    cursor = map.get(cursor) ?? null;
  }
  return steps;
}
