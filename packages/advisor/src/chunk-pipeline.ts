/** One chunk of a tensor's values: `n` elements from element `e`, stored at file byte `fileAt`. */
export interface ChunkJob<T> {
  readonly tensor: T;
  readonly e: number;
  readonly n: number;
  readonly fileAt: number;
}

/** A tensor's place in a file: its data bytes [begin, end). */
export interface TensorRange {
  readonly begin: number;
  readonly end: number;
}

/**
 * The chunks of a file's tensors in file order, block by block from byte `from` (a block boundary) to
 * `size`: within a block of `blockBytes`, each tensor that meets it is cut into chunks of at most `chunk`
 * elements of `item` bytes.
 */
export function* fileChunks<T extends TensorRange>(
  tensors: readonly T[],
  size: number,
  item: number,
  chunk: number,
  blockBytes: number,
  from = 0,
): Generator<ChunkJob<T>> {
  for (let blockStart = from; blockStart < size; blockStart += blockBytes) {
    const blockEnd = Math.min(size, blockStart + blockBytes);
    for (const t of tensors) {
      if (t.end <= blockStart || t.begin >= blockEnd || t.end === t.begin) continue;
      const last = (Math.min(t.end, blockEnd) - t.begin) / item;
      for (let e = (Math.max(t.begin, blockStart) - t.begin) / item; e < last; ) {
        const n = Math.min(chunk, last - e);
        yield { tensor: t, e, n, fileAt: t.begin + e * item };
        e += n;
      }
    }
  }
}

/**
 * A chunk's values: float32 or float64, or bfloat16 bit patterns (`Uint16Array`) when the worker threads round
 * them to the file's element type themselves.
 */
export type ChunkValues = Float32Array | Float64Array | Uint16Array;

/** Element type of a pipeline's scratch arrays. */
export type ChunkElement = 'float32' | 'float64' | 'bfloat16';

const ARRAYS = { float32: Float32Array, float64: Float64Array, bfloat16: Uint16Array } as const;

/** Starts generating a chunk into `values`; resolves when they are written. */
export type StartChunk<T> = (job: ChunkJob<T>, values: ChunkValues) => Promise<unknown>;

/**
 * Where a chunk's values go when they need no conversion: a view of the chunk's place in the output (its
 * block), or undefined to generate into one of the pipeline's scratch arrays.
 */
export type PlaceChunk<T> = (job: ChunkJob<T>) => ChunkValues | undefined;

/**
 * Generates a file's chunks `depth` ahead of their use (default 1), in `depth + 1` scratch arrays on shared
 * memory: while the caller stores (converts, copies) chunk k, the worker threads already generate chunks
 * k + 1 .. k + depth. With a depth of 2 a worker that finishes its share of chunk k + 1 goes on with its share
 * of k + 2 instead of waiting for the slower one. The values of each chunk do not depend on this schedule.
 * With `place`, a chunk is generated straight into the view it returns (shared memory, for worker threads),
 * and the caller need not copy it. Memory: `depth + 1` arrays of `chunk` elements of `element`, made only when
 * a chunk has no place.
 */
export class ChunkPipeline<T> {
  private buffers: ChunkValues[] | undefined;
  private turn = 0;
  private readonly ahead: { job: ChunkJob<T>; values: ChunkValues; done: Promise<unknown> }[] = [];
  private started = false;

  constructor(
    private readonly jobs: Iterator<ChunkJob<T>>,
    private readonly start: StartChunk<T>,
    private readonly chunk: number,
    private readonly element: ChunkElement,
    private readonly depth = 1,
    private readonly place: PlaceChunk<T> = () => undefined,
  ) {}

  /** The next scratch array, in turn (the arrays are made on first use). */
  private scratch(n: number): ChunkValues {
    const Type = ARRAYS[this.element];
    const make = (): ChunkValues =>
      new Type(new SharedArrayBuffer(this.chunk * Type.BYTES_PER_ELEMENT) as unknown as ArrayBuffer);
    this.buffers ??= Array.from({ length: this.depth + 1 }, make);
    const values = (this.buffers[this.turn] as ChunkValues).subarray(0, n);
    this.turn = (this.turn + 1) % this.buffers.length;
    return values;
  }

  private launch(): void {
    const next = this.jobs.next();
    if (next.done) return;
    const values = this.place(next.value) ?? this.scratch(next.value.n);
    const done = this.start(next.value, values);
    done.catch(() => undefined); // awaited by take(); never an unhandled rejection
    this.ahead.push({ job: next.value, values, done });
  }

  /**
   * The next chunk, generated, if it starts before file byte `limit`; undefined otherwise (it stays
   * queued). Its values are valid until the next call.
   */
  async take(limit: number): Promise<{ job: ChunkJob<T>; values: ChunkValues } | undefined> {
    if (!this.started) {
      this.started = true;
      for (let k = 0; k < this.depth; k++) this.launch();
    }
    const current = this.ahead[0];
    if (current === undefined || current.job.fileAt >= limit) return undefined;
    await current.done;
    this.ahead.shift();
    // The array of the chunk returned by the previous call is free again: the next launch may take it.
    this.launch();
    return current;
  }
}
