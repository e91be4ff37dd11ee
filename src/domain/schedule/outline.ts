import { invalid } from '../errors.js';

/** One row of a plan's outline, in outline order: every task comes after its parent, and a parent's subtree is contiguous. */
export type OutlineRow = { readonly id: string; readonly parentId: string | null };

/** Derived outline facts of each row, in the same order. */
export type OutlineFacts = {
  /** 1 for a top-level task. */
  readonly level: Int32Array;
  /** Outline number such as `1.2.3`. */
  readonly wbs: readonly string[];
  /** Has children. */
  readonly summary: Uint8Array;
  /** Index one past the last row of each row's subtree. */
  readonly subtreeEnd: Int32Array;
};

/**
 * Levels, outline numbers, summary flags and subtree extents of rows in outline order. Throws
 * when the order is not an outline (a parent after its child, or a subtree split in two).
 */
export function outlineOf(rows: readonly OutlineRow[]): OutlineFacts {
  const n = rows.length;
  const index = new Map<string, number>();
  const level = new Int32Array(n);
  const summary = new Uint8Array(n);
  const subtreeEnd = new Int32Array(n);
  const wbs: string[] = new Array<string>(n);
  const childCount = new Int32Array(n);
  let topCount = 0;
  // The open ancestors of the current row, outermost first.
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    index.set(row.id, i);
    const p = row.parentId === null ? -1 : (index.get(row.parentId) ?? -2);
    if (p === -2) throw invalid([{ field: `tasks.${i}.parentId`, reason: `parent ${row.parentId} must come before its child in outline order` }]);
    while (stack.length && stack[stack.length - 1] !== p) subtreeEnd[stack.pop()!] = i;
    if (p >= 0 && stack.length === 0) throw invalid([{ field: `tasks.${i}.parentId`, reason: `the subtree of ${row.parentId} must be contiguous` }]);
    level[i] = stack.length + 1;
    if (p >= 0) {
      summary[p] = 1;
      wbs[i] = `${wbs[p]}.${++childCount[p]!}`;
    } else {
      wbs[i] = String(++topCount);
    }
    stack.push(i);
  }
  while (stack.length) subtreeEnd[stack.pop()!] = n;
  return { level, wbs, summary, subtreeEnd };
}

/**
 * The outline order after moving the block of rows `from` … `to − 1` (a task and its subtree)
 * so its first row sits under `parentId`, right after the subtree of `afterId` (a child of
 * `parentId`), or as the last child of `parentId` when `afterId` is null. Returns the new
 * order as indices into `rows`. Refuses a parent inside the moved block.
 */
export function moveBlock(rows: readonly OutlineRow[], from: number, to: number, parentId: string | null, afterId: string | null): number[] {
  const facts = outlineOf(rows);
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const parent = parentId === null ? -1 : index.get(parentId);
  if (parent === undefined) throw invalid([{ field: 'parentId', reason: `task ${parentId} is not in this plan` }]);
  if (parent >= from && parent < to) throw invalid([{ field: 'parentId', reason: 'a task cannot be moved under itself or its own subtree' }]);
  let insertAt: number;
  if (afterId !== null) {
    const after = index.get(afterId);
    if (after === undefined) throw invalid([{ field: 'afterId', reason: `task ${afterId} is not in this plan` }]);
    if (after >= from && after < to) throw invalid([{ field: 'afterId', reason: 'a task cannot be placed after itself or its own subtree' }]);
    if ((rows[after]!.parentId ?? null) !== parentId) throw invalid([{ field: 'afterId', reason: `task ${afterId} is not a child of ${parentId ?? 'the top level'}` }]);
    insertAt = facts.subtreeEnd[after]!;
  } else {
    insertAt = parent >= 0 ? facts.subtreeEnd[parent]! : rows.length;
  }
  const order: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i === insertAt) for (let k = from; k < to; k++) order.push(k);
    if (i >= from && i < to) continue;
    order.push(i);
  }
  if (insertAt === rows.length) for (let k = from; k < to; k++) order.push(k);
  return order;
}
