import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveBlock, outlineOf, type OutlineRow } from './outline.js';

const rows = (spec: string): OutlineRow[] => {
  // "A, A>B, A>C, D": each entry is parent>child or a top-level id.
  return spec.split(',').map((s) => s.trim()).map((s) => (s.includes('>') ? { id: s.split('>')[1]!, parentId: s.split('>')[0]! } : { id: s, parentId: null }));
};

describe('outline', () => {
  it('numbers tasks 1, 1.1, 1.2, 2 and marks summaries and subtree ends', () => {
    const f = outlineOf(rows('A, A>B, B>C, A>D, E'));
    expect(f.wbs).toEqual(['1', '1.1', '1.1.1', '1.2', '2']);
    expect([...f.level]).toEqual([1, 2, 3, 2, 1]);
    expect([...f.summary]).toEqual([1, 1, 0, 0, 0]);
    expect([...f.subtreeEnd]).toEqual([4, 3, 3, 4, 5]);
  });

  it('refuses a child before its parent and a split subtree', () => {
    expect(() => outlineOf([{ id: 'B', parentId: 'A' }, { id: 'A', parentId: null }])).toThrowError(/tasks\.0\.parentId/);
    expect(() => outlineOf(rows('A, A>B, C, A>D'))).toThrowError(/contiguous/);
  });

  it('moves a block under a new parent, after a sibling, or to the end', () => {
    const r = rows('A, A>B, C, D');
    const ids = (order: number[]) => order.map((i) => r[i]!.id);
    expect(ids(moveBlock(r, 2, 3, 'A', null))).toEqual(['A', 'B', 'C', 'D']);
    expect(ids(moveBlock(r, 3, 4, 'A', 'B'))).toEqual(['A', 'B', 'D', 'C']);
    expect(ids(moveBlock(r, 0, 2, null, 'D'))).toEqual(['C', 'D', 'A', 'B']);
    expect(() => moveBlock(r, 0, 2, 'B', null)).toThrowError(/under itself/);
    expect(() => moveBlock(r, 2, 3, null, 'B')).toThrowError(/not a child/);
  });

  it('any move keeps a valid outline with every task once', () => {
    // Random outlines: each task's parent is an earlier task on the current open path.
    const outline = fc.array(fc.nat(5), { minLength: 1, maxLength: 25 }).map((ups) => {
      const out: OutlineRow[] = [];
      const path: string[] = [];
      ups.forEach((up, i) => {
        const depth = Math.max(0, path.length - up);
        path.length = depth;
        out.push({ id: `T${i}`, parentId: depth ? path[depth - 1]! : null });
        path.push(`T${i}`);
      });
      return out;
    });
    fc.assert(
      fc.property(outline, fc.nat(), fc.nat(), fc.boolean(), (r, pick, target, asSibling) => {
        const f = outlineOf(r);
        const from = pick % r.length;
        const to = f.subtreeEnd[from]!;
        const outside = r.filter((_, i) => i < from || i >= to);
        const t = outside.length ? outside[target % outside.length]! : null;
        const parentId = t ? (asSibling ? t.parentId : t.id) : null;
        const afterId = t && asSibling ? t.id : null;
        const order = moveBlock(r, from, to, parentId, afterId);
        expect([...order].sort((a, b) => a - b)).toEqual(r.map((_, i) => i));
        const moved = order.map((i) => (i === from ? { ...r[i]!, parentId } : r[i]!));
        expect(() => outlineOf(moved)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
