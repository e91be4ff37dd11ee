/**
 * Just enough of a WebAssembly assembler for the risk kernel (`kernel.ts`): LEB128, the
 * instructions it uses (SIMD ones by their opcode after the 0xfd prefix), locals, loops over
 * byte offsets, and a module of functions on an imported memory. Every instruction is a list
 * of bytes; a function body is their concatenation.
 */

/** The SIMD instructions' prefix, and the value types. */
export const SIMD = 0xfd;
export const V128 = 0x7b;
export const I32 = 0x7f;
export const F64 = 0x7c;

/** Unsigned LEB128. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** A SIMD instruction by its opcode; local.get, local.set, local.tee of a local. */
export const simd = (op: number) => [SIMD, ...leb(op)];
export const get = (i: number) => [0x20, ...leb(i)];
export const set = (i: number) => [0x21, ...leb(i)];
export const tee = (i: number) => [0x22, ...leb(i)];
/** The address of lane pair `i` of the row whose byte offset is in local `base`. */
export const at = (base: number, i: number) => [...get(base), ...get(i), 0x6a];
/** v128.load and v128.store at that address (the value's instructions in between), f64x2.splat of a local. */
export const load = (base: number, i: number) => [...at(base, i), ...simd(0x00), 4, 0];
export const store = (value: number[], base: number, i: number) => [...at(base, i), ...value, ...simd(0x0b), 4, 0];
export const splat = (p: number) => [...get(p), ...simd(0x14)];
/** f64x2 arithmetic and comparisons; i64x2.sub. */
export const ADD = simd(0xf0);
export const SUB = simd(0xf1);
export const PMIN = simd(0xf6);
export const PMAX = simd(0xf7);
export const LE = simd(0x4b);
export const I64_SUB = simd(0xd1);

/**
 * A loop over the byte offsets [0, end) by `step` (`end` a multiple of it, at least one
 * step), with local `i` the current offset.
 */
export const loop = (i: number, end: number | number[], body: number[], step = 16, fromZero = false) => [
  ...(fromZero ? [0x41, 0, ...set(i)] : []),
  0x03,
  0x40,
  ...body,
  ...get(i),
  0x41,
  step,
  0x6a,
  ...tee(i),
  ...(typeof end === 'number' ? get(end) : end),
  0x49,
  0x0d,
  0,
  0x0b,
];

/** A function: its export name, parameter and local types, result type (or none), and body. */
export type Fn = { readonly name: string; readonly params: number[]; readonly result: number | null; readonly locals: number[]; readonly body: number[] };

/** v128.const of four i32 or two f64; bitwise, i32x4 and more f64x2 instructions. */
export const i32x4 = (xs: readonly number[]) => [...simd(0x0c), ...xs.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff])];
export const f64x2 = (xs: readonly number[]) => [...simd(0x0c), ...xs.flatMap((x) => Array.from(new Uint8Array(Float64Array.of(x).buffer)))];
export const XOR = simd(0x51);
export const OR = simd(0x50);
export const I32_ADD = simd(0xae);
export const I32_MUL = simd(0xb5);
export const shrU = (bits: number) => [0x41, bits, ...simd(0xad)];
export const DIV = simd(0xf3);
export const MUL = simd(0xf2);
export const SQRT = simd(0xef);
export const LT = simd(0x49);
export const TO_F64 = simd(0xff); // f64x2.convert_low_i32x4_u
/** x / 2^32 as x · 2^−32: scaling by a power of two is exact, so the same number as the division, for less. */
export const TO_UNIT = [...f64x2([2 ** -32, 2 ** -32]), ...MUL];
export const HIGH_PAIR = [...simd(0x0d), 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]; // i8x16.shuffle: lanes 2, 3 to 0, 1

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (s: string) => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

/** A module of `functions` (each exported under its name) on a memory imported as env.memory. */
export function assemble(functions: readonly Fn[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...(f.result === null ? [0] : [1, f.result])]);
  const codes = functions.map((f) => {
    const body = [...vec(f.locals.map((l) => [1, l])), ...f.body, 0x0b];
    return [...leb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((_, k) => leb(k)))),
    ...section(7, vec(functions.map((f, k) => [...name(f.name), 0x00, ...leb(k)]))),
    ...section(10, vec(codes)),
  ]);
}
