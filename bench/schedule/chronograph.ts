/**
 * The few parts of @bryntum/chronograph 2.0.3 the bench uses, loaded by deep import.
 *
 * Why deep imports and these hand-written types: the package's entry point is broken (its
 * `index.js` is CommonJS, `require = require("esm")(module)`, inside a `"type": "module"`
 * package, and loads a `./main.js` that is not published), so `import '@bryntum/chronograph'`
 * throws. Its compiled ES modules under `src/` load fine, but they sit next to their `.ts`
 * sources, and TypeScript resolves a `.js` import to the `.ts` file, then type-checks the
 * library's sources (written for Bryntum's own TypeScript fork: hundreds of errors under this
 * repository's strict settings). So the specifiers are plain strings TypeScript does not
 * follow, and the shapes below are copied from the package's `.d.ts` files.
 *
 * Its Entity/Replica layer (`@field`, `@calculate`) does not work as published either:
 * `Replica.new()` lacks the graph methods (`addAtom`, `commit`) its `Mixin([ChronoGraph], …)`
 * should bring in, so `replica.addEntity()` throws `replica.addAtom is not a function`. The
 * bench therefore builds each task from the atoms that layer would create for its fields:
 * a `BoxUnbound` for the input and generator-based `CalculableBoxGenUnbound`s for the
 * computed fields (generators are what the Gantt's engine uses; they are also what gives
 * ChronoGraph its "unlimited stack depth": synchronous `CalculableBox`es recurse and overflow
 * the stack on a chain of a few thousand tasks), in one `ChronoGraph` committed once.
 */

/** A value in the graph: an input box or a calculated one. */
export interface ChronoAtom<V> {
  read(): V;
}

export interface ChronoBox<V> extends ChronoAtom<V> {
  write(value: V): void;
}

/** A calculation: yields atoms and receives their values (ChronoGraph's generator protocol). */
export type ChronoCalculation<V, C> = (this: C) => Generator<ChronoAtom<number>, V, number>;

export interface ChronoGraphInstance {
  addAtom<A extends ChronoAtom<unknown>>(atom: A): A;
  commit(): unknown;
}

export type Chronograph = {
  readonly BoxUnbound: { new: <V>(value?: V, name?: string) => ChronoBox<V> };
  readonly CalculableBoxGenUnbound: {
    new: <V, C>(config: { calculation: ChronoCalculation<V, C>; context: C; lazy?: boolean; name?: string }) => ChronoAtom<V>;
  };
  readonly ChronoGraph: { new: (config?: { historyLimit?: number }) => ChronoGraphInstance };
};

const ROOT = '@bryntum/chronograph/src/chrono2';

/** Loads the three modules (once per process). */
export async function loadChronograph(): Promise<Chronograph> {
  const box: string = `${ROOT}/data/Box.js`;
  const gen: string = `${ROOT}/data/CalculableBoxGen.js`;
  const graph: string = `${ROOT}/graph/Graph.js`;
  const [b, g, c] = await Promise.all([import(box), import(gen), import(graph)]);
  return {
    BoxUnbound: (b as Pick<Chronograph, 'BoxUnbound'>).BoxUnbound,
    CalculableBoxGenUnbound: (g as Pick<Chronograph, 'CalculableBoxGenUnbound'>).CalculableBoxGenUnbound,
    ChronoGraph: (c as Pick<Chronograph, 'ChronoGraph'>).ChronoGraph,
  };
}
