/** An objective in the organisation's tree, with its weight relative to its siblings. */
export type WeightedObjective = { id: string; parentId: string | null; weight: number };
/** A project serving an objective; `weight` is how much of the project serves it (0–100). */
export type ObjectiveContribution = { projectId: string; objectiveId: string; weight: number };

/**
 * Each objective's share of the whole strategy: its weight over its siblings' total, times
 * its parent's share (roots share 1). Objectives whose siblings all weigh 0 share equally.
 * Walks the tree without recursion; an objective whose parent is missing counts as a root.
 */
export function globalObjectiveWeights(objectives: readonly WeightedObjective[]): Map<string, number> {
  const byId = new Map(objectives.map((o) => [o.id, o] as const));
  const parentOf = (o: WeightedObjective): string | null => (o.parentId !== null && byId.has(o.parentId) ? o.parentId : null);
  const children = new Map<string | null, WeightedObjective[]>();
  for (const o of objectives) {
    const key = parentOf(o);
    const list = children.get(key);
    if (list) list.push(o);
    else children.set(key, [o]);
  }
  const share = new Map<string, number>();
  const queue: Array<{ parent: string | null; share: number }> = [{ parent: null, share: 1 }];
  while (queue.length > 0) {
    const { parent, share: parentShare } = queue.pop()!;
    const siblings = children.get(parent) ?? [];
    const total = siblings.reduce((s, o) => s + Math.max(0, o.weight), 0);
    for (const o of siblings) {
      if (share.has(o.id)) continue;
      const own = total > 0 ? Math.max(0, o.weight) / total : 1 / siblings.length;
      share.set(o.id, parentShare * own);
      queue.push({ parent: o.id, share: parentShare * own });
    }
  }
  return share;
}

/**
 * Strategic alignment of each project, 0–100: the strategy's share each contribution serves,
 * relative to the most important objective. A project that serves the heaviest objective with
 * all of itself scores 100; one serving nothing scores 0. Contribution weights are read as
 * percentages of the project; when a project's contributions add up to more than 100 they are
 * scaled down to 100 so that claiming everything does not score more.
 *
 * Formula: alignment(p) = 100 × Σ_c share_c × g(o_c) / max_o g(o), with share_c = w_c / max(100, Σ w).
 *
 * @example
 * projectAlignment([{ id: 'growth', parentId: null, weight: 3 }, { id: 'cost', parentId: null, weight: 1 }],
 *   [{ projectId: 'P', objectiveId: 'cost', weight: 100 }]).get('P') // 33.33… (cost is a third of growth)
 */
export function projectAlignment(objectives: readonly WeightedObjective[], contributions: readonly ObjectiveContribution[]): Map<string, number> {
  const g = globalObjectiveWeights(objectives);
  let heaviest = 0;
  for (const v of g.values()) heaviest = Math.max(heaviest, v);
  const totals = new Map<string, number>();
  for (const c of contributions) totals.set(c.projectId, (totals.get(c.projectId) ?? 0) + Math.max(0, c.weight));
  const result = new Map<string, number>();
  for (const c of contributions) {
    const weight = g.get(c.objectiveId);
    if (weight === undefined || heaviest <= 0) continue;
    const share = Math.max(0, c.weight) / Math.max(100, totals.get(c.projectId) ?? 0);
    result.set(c.projectId, (result.get(c.projectId) ?? 0) + (100 * share * weight) / heaviest);
  }
  for (const [p, v] of result) result.set(p, Math.min(100, v));
  return result;
}
