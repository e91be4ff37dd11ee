import type { CompiledPortfolio } from './compile.js';

/**
 * A selection being built or examined: the option chosen for each candidate (−1: not
 * funded), the room left in every budget and capacity row, and the members funded in each
 * group. Used by the greedy rule, the left-shift of starts and the explanations; the MILP
 * is checked against it too.
 */
export class Packing {
  readonly slack: Float64Array;
  readonly chosen: Int32Array;
  readonly groupCount: Int32Array;
  private readonly tol: Float64Array;

  constructor(readonly cp: CompiledPortfolio) {
    this.slack = Float64Array.from(cp.rowLimit);
    this.tol = Float64Array.from(cp.rowLimit, (l) => 1e-9 * Math.max(1, Math.abs(l)));
    this.chosen = new Int32Array(cp.n).fill(-1);
    this.groupCount = new Int32Array(cp.groups.length);
  }

  /** The packing of a chosen option per candidate (−1: none), placed as given, fitting or not. */
  static of(cp: CompiledPortfolio, chosen: Int32Array): Packing {
    const p = new Packing(cp);
    for (let i = 0; i < cp.n; i++) if (chosen[i]! >= 0) p.place(chosen[i]!);
    return p;
  }

  /** Whether option o's use fits in what its rows have left. */
  fits(o: number): boolean {
    const { optEntry, entryRow, entryAmount } = this.cp;
    for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) {
      const k = entryRow[e]!;
      if (entryAmount[e]! > this.slack[k]! + this.tol[k]!) return false;
    }
    return true;
  }

  place(o: number): void {
    const { optEntry, entryRow, entryAmount, optCand, grpStart, grpIdx } = this.cp;
    for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) this.slack[entryRow[e]!]! -= entryAmount[e]!;
    const i = optCand[o]!;
    this.chosen[i] = o;
    for (let g = grpStart[i]!; g < grpStart[i + 1]!; g++) this.groupCount[grpIdx[g]!]!++;
  }

  /** Takes candidate i out (if funded). */
  remove(i: number): void {
    const o = this.chosen[i]!;
    if (o < 0) return;
    const { optEntry, entryRow, entryAmount, grpStart, grpIdx } = this.cp;
    for (let e = optEntry[o]!; e < optEntry[o + 1]!; e++) this.slack[entryRow[e]!]! += entryAmount[e]!;
    this.chosen[i] = -1;
    for (let g = grpStart[i]!; g < grpStart[i + 1]!; g++) this.groupCount[grpIdx[g]!]!--;
  }

  /** Whether a funded candidate excludes i. */
  excluded(i: number): boolean {
    const { exStart, exIdx } = this.cp;
    for (let k = exStart[i]!; k < exStart[i + 1]!; k++) if (this.chosen[exIdx[k]!]! >= 0) return true;
    return false;
  }

  /** The earliest option of candidate i that fits, or −1. */
  earliestFit(i: number): number {
    for (let o = this.cp.candOpt[i]!; o < this.cp.candOpt[i + 1]!; o++) if (this.fits(o)) return o;
    return -1;
  }

  /** Every row within its limit (within the rounding tolerance of `over`). */
  feasible(): boolean {
    for (let k = 0; k < this.slack.length; k++) if (this.slack[k]! < -this.tol[k]!) return false;
    return true;
  }

  /** Not-yet-funded requirements of i, transitively, requirements before those that need them. */
  missingRequirements(i: number): number[] {
    const { reqStart, reqIdx } = this.cp;
    const out: number[] = [];
    const seen = new Set<number>([i]);
    const visit = (j: number) => {
      for (let k = reqStart[j]!; k < reqStart[j + 1]!; k++) {
        const r = reqIdx[k]!;
        if (seen.has(r) || this.chosen[r]! >= 0) continue;
        seen.add(r);
        visit(r);
        out.push(r);
      }
    };
    visit(i);
    return out;
  }

  /**
   * Funds i with its missing requirements (requirements first), each at the option `pick`
   * gives (by default its earliest start that fits; −1 when none fits), if none of them is excluded by what is funded or by each other, no group goes
   * over its maximum and none of them can never be funded; otherwise changes nothing.
   * Returns whether it did.
   */
  tryFund(i: number, pick: (j: number) => number = (j) => this.earliestFit(j)): boolean {
    const cp = this.cp;
    const bundle = [...this.missingRequirements(i), i];
    const inBundle = new Set(bundle);
    const extra = new Map<number, number>();
    for (const j of bundle) {
      if (cp.fixedOut[j] || this.excluded(j)) return false;
      for (let k = cp.exStart[j]!; k < cp.exStart[j + 1]!; k++) if (inBundle.has(cp.exIdx[k]!)) return false;
      for (let g = cp.grpStart[j]!; g < cp.grpStart[j + 1]!; g++) {
        const gi = cp.grpIdx[g]!;
        const c = (extra.get(gi) ?? 0) + 1;
        if (this.groupCount[gi]! + c > cp.groups[gi]!.max) return false;
        extra.set(gi, c);
      }
    }
    const placed: number[] = [];
    for (const j of bundle) {
      const o = pick(j);
      if (o < 0) {
        for (const p of placed) this.remove(p);
        return false;
      }
      this.place(o);
      placed.push(j);
    }
    return true;
  }

  /**
   * Moves each funded candidate, in model order, to its earliest start that fits with the
   * others where they are, and again until none can move (starts only decrease, so this
   * ends). The value is unchanged.
   */
  shiftEarlier(): void {
    const { n, candOpt } = this.cp;
    for (let moved = true; moved; ) {
      moved = false;
      for (let i = 0; i < n; i++) {
        const cur = this.chosen[i]!;
        if (cur < 0 || cur === candOpt[i]) continue;
        this.remove(i);
        let o = candOpt[i]!;
        while (o < cur && !this.fits(o)) o++;
        this.place(o);
        if (o !== cur) moved = true;
      }
    }
  }

  /** Total value funded. */
  value(): number {
    let v = 0;
    for (let i = 0; i < this.cp.n; i++) if (this.chosen[i]! >= 0) v += this.cp.value[i]!;
    return v;
  }
}
