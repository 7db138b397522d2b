/** Marks an empty slot: never an index, since indices stay below 2^32 - 1. */
const EMPTY = 0xffffffff;

/**
 * A map from indices in [0, 2^32 - 1) to indices, for at most `capacity` entries: open addressing with linear
 * probing over two typed arrays at load factor <= 1/2. The sparse form of a virtual index array in which
 * `get(i)` is i until `set(i, v)` displaces it.
 */
export class IndexMap {
  private readonly keys: Uint32Array;
  private readonly values: Uint32Array;
  private readonly mask: number;
  private readonly shift: number;

  /** A map for up to `capacity` entries (capacity <= 2^30). */
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < 2 * capacity) bits++;
    this.keys = new Uint32Array(1 << bits).fill(EMPTY);
    this.values = new Uint32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  private slot(key: number): number {
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[s]!;
      if (k === key || k === EMPTY) return s;
      s = (s + 1) & this.mask;
    }
  }

  /** The value stored for `key`, or `key` itself when none is. */
  get(key: number): number {
    const s = this.slot(key);
    return this.keys[s] === key ? this.values[s]! : key;
  }

  /** Stores `value` for `key`. */
  set(key: number, value: number): void {
    const s = this.slot(key);
    this.keys[s] = key;
    this.values[s] = value;
  }
}
