/**
 * Float32 buffers keyed by slot, reused while their length stays the same.
 *
 * A layer asks for `get('out', batch * units)` on every forward pass: the first call for a length
 * allocates, every later call with the same length returns the same array, so a training loop at a
 * fixed batch size allocates nothing after its first step. A new length replaces the slot's buffer.
 *
 * @example
 * ```ts
 * const cache = new BufferCache();
 * const a = cache.get('out', 6);
 * cache.get('out', 6) === a; // => true
 * cache.get('out', 8) === a; // => false (new batch size)
 * ```
 */
export class BufferCache {
  private readonly slots = new Map<string, Float32Array>();
  private readonly intSlots = new Map<string, Int32Array>();

  /**
   * The buffer of `slot` with exactly `length` elements. Contents are whatever the last user left
   * (zero when new), unless `zero` is true.
   */
  get(slot: string, length: number, zero = false): Float32Array {
    let b = this.slots.get(slot);
    if (b === undefined || b.length !== length) {
      b = new Float32Array(length);
      this.slots.set(slot, b);
      return b;
    }
    if (zero) b.fill(0);
    return b;
  }

  /** Like {@link BufferCache.get}, for `Int32Array` buffers (indices such as pooling arg-maxes). */
  getInt32(slot: string, length: number): Int32Array {
    let b = this.intSlots.get(slot);
    if (b === undefined || b.length !== length) {
      b = new Int32Array(length);
      this.intSlots.set(slot, b);
    }
    return b;
  }

  /** The buffer of `slot` if it exists with `length` elements, else `undefined`. */
  peek(slot: string, length: number): Float32Array | undefined {
    const b = this.slots.get(slot);
    return b !== undefined && b.length === length ? b : undefined;
  }

  /** Total number of float32 elements held (for memory reports). */
  size(): number {
    let n = 0;
    for (const b of this.slots.values()) n += b.length;
    for (const b of this.intSlots.values()) n += b.length;
    return n;
  }
}
