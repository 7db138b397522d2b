/** How many lengths (batch sizes) each slot keeps before the oldest is dropped. */
const SIZES_PER_SLOT = 4;

function lookup<T extends { length: number }>(
  map: Map<string, T[]>,
  slot: string,
  length: number,
  make: (n: number) => T,
): T {
  let list = map.get(slot);
  if (list === undefined) {
    list = [];
    map.set(slot, list);
  }
  for (let i = 0; i < list.length; i++) {
    const b = list[i] as T;
    if (b.length === length) {
      if (i !== 0) {
        list.splice(i, 1);
        list.unshift(b);
      }
      return b;
    }
  }
  const b = make(length);
  list.unshift(b);
  if (list.length > SIZES_PER_SLOT) list.pop();
  return b;
}

/**
 * Float32 (and Int32) buffers keyed by slot and length, reused while the length stays the same.
 *
 * A layer asks for `get('out', batch * units)` on every forward pass: the first call for a length
 * allocates, every later call with the same length returns the same array, so a training loop at a
 * fixed batch size allocates nothing after its first step. Each slot keeps the buffers of its four
 * most recent lengths, so alternating between a training and an evaluation batch size (or a
 * shorter last batch) does not reallocate either.
 *
 * @example
 * ```ts
 * const cache = new BufferCache();
 * const a = cache.get('out', 6);
 * cache.get('out', 6) === a; // => true
 * cache.get('out', 8) === a; // => false (another batch size)
 * cache.get('out', 6) === a; // => true (still kept)
 * ```
 */
export class BufferCache {
  private readonly slots = new Map<string, Float32Array[]>();
  private readonly intSlots = new Map<string, Int32Array[]>();

  /**
   * The buffer of `slot` with exactly `length` elements. Contents are whatever its last user left
   * (zeros when new), unless `zero` is true.
   */
  get(slot: string, length: number, zero = false): Float32Array {
    const b = lookup(this.slots, slot, length, (n) => new Float32Array(n));
    if (zero) b.fill(0);
    return b;
  }

  /** Like {@link BufferCache.get}, for `Int32Array` buffers (indices such as pooling arg-maxes). */
  getInt32(slot: string, length: number): Int32Array {
    return lookup(this.intSlots, slot, length, (n) => new Int32Array(n));
  }

  /** The buffer of `slot` with `length` elements if it exists, else `undefined` (never allocates). */
  peek(slot: string, length: number): Float32Array | undefined {
    const list = this.slots.get(slot);
    if (list === undefined) return undefined;
    for (const b of list) if (b.length === length) return b;
    return undefined;
  }

  /** Total number of elements held (for memory reports). */
  size(): number {
    let n = 0;
    for (const list of this.slots.values()) for (const b of list) n += b.length;
    for (const list of this.intSlots.values()) for (const b of list) n += b.length;
    return n;
  }
}
