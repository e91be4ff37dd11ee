/**
 * One buffer for the typed arrays of a recalculation. V8 counts typed arrays' memory outside
 * its heap and starts a full garbage collection each time that grows by a set amount; when
 * more arrays follow while it marks, it finishes the collection at once, marking the whole
 * heap in one pause (the plan's objects: about 150 ms at a million tasks). Taken from one
 * buffer, a recalculation's arrays cost one collection, which runs beside it. Arrays past the
 * capacity are allocated on their own (`spilled` counts their bytes), so a short estimate
 * costs speed, never a result.
 *
 * Every array an arena hands out is zeroed and shares the arena's buffer: a result that holds
 * one keeps the whole buffer alive, and a structured clone of one copies the whole buffer
 * (copy the arrays out with `slice()` before posting them to another thread).
 */
export class Arena {
  private readonly buffer: ArrayBuffer;
  private at = 0;
  /** Bytes asked for beyond the capacity, allocated on their own. */
  spilled = 0;

  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes > 0 ? Math.ceil(bytes / 8) * 8 : 0);
  }

  /** The offset of `bytes` more bytes (8-aligned), or -1 when the arena is full. */
  private take(bytes: number): number {
    const at = this.at;
    const next = at + Math.ceil(bytes / 8) * 8;
    if (next > this.buffer.byteLength) {
      this.spilled += bytes;
      return -1;
    }
    this.at = next;
    return at;
  }

  f64(length: number, fill = 0): Float64Array {
    const at = this.take(8 * length);
    const a = at < 0 ? new Float64Array(length) : new Float64Array(this.buffer, at, length);
    return fill === 0 ? a : a.fill(fill);
  }

  i32(length: number, fill = 0): Int32Array {
    const at = this.take(4 * length);
    const a = at < 0 ? new Int32Array(length) : new Int32Array(this.buffer, at, length);
    return fill === 0 ? a : a.fill(fill);
  }

  u8(length: number): Uint8Array {
    const at = this.take(length);
    return at < 0 ? new Uint8Array(length) : new Uint8Array(this.buffer, at, length);
  }

  /** A copy of `a` in the arena. */
  copy(a: Float64Array): Float64Array {
    const c = this.f64(a.length);
    c.set(a);
    return c;
  }

  /** Bytes handed out so far. */
  get used(): number {
    return this.at;
  }

  get capacity(): number {
    return this.buffer.byteLength;
  }

  /**
   * Zeroes what was handed out and starts again from the front: every array handed out before
   * now shares memory with those handed out after.
   */
  reset(): void {
    new Uint8Array(this.buffer, 0, this.at).fill(0);
    this.at = 0;
    this.spilled = 0;
  }
}

/** An arena with no room: every array is allocated on its own. */
export const noArena = (): Arena => new Arena(0);

/**
 * The bytes a recalculation of `tasks` tasks and `links` links takes in a plan without
 * inactive tasks, progress, deadlines, levelling delays, ALAP tasks or resource calendars, and
 * listed in outline order (what most large plans are): per task, the id table (up to 20
 * bytes), the outline and link rows (about 40), the plan's numbers (about 38: clock,
 * duration, one array of constraint dates, the shared NaN and zero arrays) and the dates,
 * counts and slack of the result (69); per link, its ends and type read in (9) and its
 * outgoing row (9), its lag and lag clock (5). Plans with more spill the arrays they add.
 */
export function arenaBytes(tasks: number, links: number): number {
  return 176 * tasks + 24 * links + 4096;
}

/** The bytes of a result's arrays for `tasks` tasks (six dates or slack per task, the driver, the critical flag). */
export function resultBytes(tasks: number): number {
  return 6 * 8 * tasks + 8 * Math.ceil((4 * tasks) / 8) + 8 * Math.ceil(tasks / 8);
}
