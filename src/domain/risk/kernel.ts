/**
 * The CPM passes' common row shapes as a WebAssembly SIMD kernel: two iterations per
 * instruction, no bounds checks, and a real branch-free max and min. The module is a few
 * hundred bytes assembled below (no toolchain, nothing fetched), and computes the very
 * numbers of the JavaScript rows in `cpm.ts`: IEEE additions and subtractions in the same
 * order, `f64x2.pmax(a, b)` being `a < b ? b : a` (the `later` of cpm.ts, ties keep a) and
 * `f64x2.pmin(a, b)` being `b < a ? b : a` (`earlier`).
 *
 * Rows live in the kernel's own memory: {@link cpmKernel} gives the views the caller fills
 * (durations) and the CPM reads and writes (times, the finish, the tolerance, a scratch row).
 * Rows are a whole number of pairs long: a block of odd size c computes one lane past c,
 * on finite numbers (earlier blocks' values, or 0), and the caller sets that lane's
 * tolerance to −∞ so it is never counted as critical.
 */

const SIMD = 0xfd;
const V128 = 0x7b;
const I32 = 0x7f;
const F64 = 0x7c;

/** Unsigned LEB128. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const simd = (op: number) => [SIMD, ...leb(op)];
const get = (i: number) => [0x20, ...leb(i)];
const set = (i: number) => [0x21, ...leb(i)];
const tee = (i: number) => [0x22, ...leb(i)];
/** The address of lane pair `i` of the row whose byte offset is in local `base`. */
const at = (base: number, i: number) => [...get(base), ...get(i), 0x6a];
const load = (base: number, i: number) => [...at(base, i), ...simd(0x00), 4, 0];
const store = (value: number[], base: number, i: number) => [...at(base, i), ...value, ...simd(0x0b), 4, 0];
const splat = (p: number) => [...get(p), ...simd(0x14)];
const ADD = simd(0xf0);
const SUB = simd(0xf1);
const PMIN = simd(0xf6);
const PMAX = simd(0xf7);
const LE = simd(0x4b);
const I64_SUB = simd(0xd1);

/**
 * A loop over the pairs [0, end) of byte offsets (local `end`, a multiple of 16, at least
 * 16), with local `i` the current offset.
 */
const loop = (i: number, end: number, body: number[]) => [0x03, 0x40, ...body, ...get(i), 0x41, 16, 0x6a, ...tee(i), ...get(end), 0x49, 0x0d, 0, 0x0b];

type Fn = { readonly name: string; readonly params: number[]; readonly result: number | null; readonly locals: number[]; readonly body: number[] };

/**
 * Forward rows with 0, 1 or 3 finish-to-start predecessors (the bounding one standing in for
 * a missing one): f = max over links of (t[p] + lag), plus the duration; and, when the task
 * may hold the finish, fin = max(fin, f).
 * params: t, a, b, c (row offsets), lagA, lagB, lagC, dur, fin, end.
 */
function forward(links: 0 | 1 | 3, holds: boolean): Fn {
  const [t, a, b, c, lagA, lagB, lagC, dur, fin, end] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [i, la, lb, lc, f] = [10, 11, 12, 13, 14];
  const es =
    links === 0
      ? [...simd(0x0c), ...new Array<number>(16).fill(0)]
      : links === 1
        ? [...load(a, i), ...get(la), ...ADD]
        : [...load(a, i), ...get(la), ...ADD, ...load(b, i), ...get(lb), ...ADD, ...PMAX, ...load(c, i), ...get(lc), ...ADD, ...PMAX];
  const body = [...store([...es, ...load(dur, i), ...ADD, ...tee(f)], t, i), ...(holds ? store([...load(fin, i), ...get(f), ...PMAX], fin, i) : [])];
  return {
    name: `forward${links}${holds ? 'h' : ''}`,
    params: [I32, I32, I32, I32, F64, F64, F64, I32, I32, I32],
    result: null,
    locals: [I32, V128, V128, V128, V128],
    body: [...splat(lagA), ...set(la), ...splat(lagB), ...set(lb), ...splat(lagC), ...set(lc), ...loop(i, end, body)],
  };
}

/**
 * Backward rows with 0, 1 or 3 finish-to-start successors: the late finish (the finish, or
 * the min over links of t[s] − lag), the late start replacing the early finish in t, and the
 * count of lanes whose total float is within `tol`.
 * params: t, a, b, c, lagA, lagB, lagC, dur, fin, tol, end; returns the count.
 */
function backward(links: 0 | 1 | 3): Fn {
  const [t, a, b, c, lagA, lagB, lagC, dur, fin, tol, end] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [i, la, lb, lc, d, late, count] = [11, 12, 13, 14, 15, 16, 17];
  const lf =
    links === 0
      ? load(fin, i)
      : links === 1
        ? [...load(a, i), ...get(la), ...SUB]
        : [...load(a, i), ...get(la), ...SUB, ...load(b, i), ...get(lb), ...SUB, ...PMIN, ...load(c, i), ...get(lc), ...SUB, ...PMIN];
  const body = [
    ...load(dur, i),
    ...set(d),
    ...lf,
    ...get(d),
    ...SUB,
    ...set(late),
    // count − (mask: all ones, −1, where late − (t − d) ≤ tol)
    ...get(count),
    ...get(late),
    ...load(t, i),
    ...get(d),
    ...SUB,
    ...SUB,
    ...load(tol, i),
    ...LE,
    ...I64_SUB,
    ...set(count),
    ...store(get(late), t, i),
  ];
  return {
    name: `backward${links}`,
    params: [I32, I32, I32, I32, F64, F64, F64, I32, I32, I32, I32],
    result: I32,
    locals: [I32, V128, V128, V128, V128, V128, V128],
    body: [
      ...splat(lagA),
      ...set(la),
      ...splat(lagB),
      ...set(lb),
      ...splat(lagC),
      ...set(lc),
      ...loop(i, end, body),
      ...get(count),
      ...simd(0x1d),
      0,
      ...get(count),
      ...simd(0x1d),
      1,
      0x7c, // i64.add
      0xa7, // i32.wrap_i64
    ],
  };
}

const FUNCTIONS: readonly Fn[] = [forward(0, false), forward(0, true), forward(1, false), forward(1, true), forward(3, false), forward(3, true), backward(0), backward(1), backward(3)];

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (s: string) => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

/** The module: memory imported as env.memory, one exported function per row shape. */
function assemble(): Uint8Array {
  const types = FUNCTIONS.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...(f.result === null ? [0] : [1, f.result])]);
  const codes = FUNCTIONS.map((f) => {
    const body = [...vec(f.locals.map((l) => [1, l])), ...f.body, 0x0b];
    return [...leb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(FUNCTIONS.map((_, k) => leb(k)))),
    ...section(7, vec(FUNCTIONS.map((f, k) => [...name(f.name), 0x00, ...leb(k)]))),
    ...section(10, vec(codes)),
  ]);
}

type ForwardRow = (t: number, a: number, b: number, c: number, lagA: number, lagB: number, lagC: number, dur: number, fin: number, end: number) => void;
type BackwardRow = (t: number, a: number, b: number, c: number, lagA: number, lagB: number, lagC: number, dur: number, fin: number, tol: number, end: number) => number;

/** The kernel's row functions, indexed by the number of links (0, 1, 3; 2 uses 3 with the bounding link twice). */
export type CpmKernel = {
  /** forward[holds][links] */
  readonly forward: readonly [readonly ForwardRow[], readonly ForwardRow[]];
  readonly backward: readonly BackwardRow[];
  /** Task-major rows of `stride` (even) per task: durations, then CPM times. */
  readonly dur: Float64Array;
  readonly times: Float64Array;
  /** Rows of `stride`: the finish of each iteration, the critical tolerance, scratch. */
  readonly fin: Float64Array;
  readonly tol: Float64Array;
  readonly row: Float64Array;
  readonly stride: number;
};

/** What this file uses of the WebAssembly global (typed here: the project's libs leave out the DOM's). */
type Wasm = {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
};

const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available (then the JavaScript rows run). */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      const bytes = assemble();
      compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * A kernel with rows for n tasks of `block` iterations (the stride rounded up to a pair), or
 * null where WebAssembly SIMD is not available.
 *
 * @example
 * const k = cpmKernel(1000, 250); // k.dur.length === 1000 * 250
 */
export function cpmKernel(n: number, block: number): CpmKernel | null {
  const module = kernelModule();
  if (!module) return null;
  const stride = block + (block & 1);
  const doubles = 2 * n * stride + 3 * stride;
  const memory = new wasm!.Memory({ initial: Math.ceil((doubles * 8) / 65536) });
  const e = new wasm!.Instance(module, { env: { memory } }).exports as Record<string, ForwardRow & BackwardRow>;
  const view = (from: number, length: number) => new Float64Array(memory.buffer, from * 8, length);
  const f = (holds: boolean) => [0, 1, 2, 3].map((k) => e[`forward${k === 2 ? 3 : k}${holds ? 'h' : ''}`]!);
  return {
    forward: [f(false), f(true)],
    backward: [0, 1, 2, 3].map((k) => e[`backward${k === 2 ? 3 : k}`]!),
    dur: view(0, n * stride),
    times: view(n * stride, n * stride),
    fin: view(2 * n * stride, stride),
    tol: view(2 * n * stride + stride, stride),
    row: view(2 * n * stride + 2 * stride, stride),
    stride,
  };
}
