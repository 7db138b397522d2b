import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AdvisorError,
  checkSeed,
  fillParameter,
  type ModelParameters,
  type ModelSource,
  modelParameters,
  nearestKey,
  type ParameterSpec,
} from '@init/advisor';
import {
  CHECKPOINT_INDEX_FILE,
  type CheckpointFile,
  type CheckpointPlan,
  checkpointIndexJson,
  float32ToBfloat16,
  float32ToFloat16,
  parameterStream,
  planCheckpoint,
  type SafetensorsDtype,
  type Seed,
} from '@init/schemes';
import {
  type AtomicFile,
  type AtomicFileSystem,
  alignedBytes,
  createParallelChunkFiller,
  nodeFileSystem,
  openAtomicFile,
  type ParallelChunkFiller,
} from '@init/schemes/node';
import {
  blockDigest,
  type CheckpointSidecar,
  combineDigests,
  DIGEST_BLOCK_BYTES,
  fileDigest,
  sha256Hex,
  sidecarPath,
} from './checkpoint-digest';
import { type ChunkJob, ChunkPipeline, type ChunkValues, fileChunks } from './chunk-pipeline';
import { zeroPaddingRow } from './padding-row';

/** Element types of the written files. */
export type DiskDtype = 'f32' | 'bf16' | 'f16' | 'f64';

const DTYPES: Record<DiskDtype, SafetensorsDtype> = { f32: 'F32', bf16: 'BF16', f16: 'F16', f64: 'F64' };

/** Progress of a {@link materializeToDisk} run. */
export interface MaterializeProgress {
  /** Bytes written (or verified and skipped) so far in this run. */
  readonly bytesDone: number;
  /** Bytes this run writes or verifies. */
  readonly bytesTotal: number;
  /** The file being written. */
  readonly file: string;
}

/** Options of {@link materializeToDisk}. */
export interface MaterializeToDiskOptions {
  /** Output directory (created if missing). */
  out: string;
  /** Model seed; each tensor's stream is `parameterStream(seed, name)`. Default 0. */
  seed?: Seed;
  /** Element type on disk: `'f32'` (default), `'bf16'`, `'f16'` (rounded to nearest even from float32) or `'f64'`. */
  dtype?: DiskDtype;
  /** Largest tensor data per file in bytes (Hugging Face sharding); default 2 GB (2·10^9). */
  shardSize?: number;
  /**
   * Worker threads that generate the chunks; default 0 (the main thread generates). With workers, the main
   * thread converts, writes and hashes while they generate the next chunk. On two cores, 2 is best.
   */
  workers?: number;
  /** Write only shard `index` (1-based) of `count`; `count` must equal the number of files the plan has. */
  shard?: { index: number; count: number };
  /** Elements generated per step; default 2^20. Never changes the bytes. */
  chunkElements?: number;
  /** File operations for writing (default Node's); tests inject failures. */
  fs?: AtomicFileSystem;
  /** Called after every written block. */
  onProgress?: (progress: MaterializeProgress) => void;
  /** Stops the run (Ctrl-C); the unfinished file is removed. */
  signal?: AbortSignal;
}

/** One file of the checkpoint and what this run did with it. */
export interface MaterializedFile {
  readonly file: string;
  readonly size: number;
  /** `'written'`, or `'skipped'` when a complete file verified by size and digest was already there. */
  readonly status: 'written' | 'skipped';
}

/** What {@link materializeToDisk} returns. */
export interface MaterializeToDiskResult {
  /** Files of this run (all files, or the one shard). */
  readonly files: readonly MaterializedFile[];
  /** Every file name of the checkpoint (the index included when sharded). */
  readonly checkpointFiles: readonly string[];
  /** Elements of every stored tensor of the model. */
  readonly parameters: number;
  /** Bytes written by this run (skipped files excluded). */
  readonly bytesWritten: number;
  /** Seconds the run took. */
  readonly seconds: number;
  readonly tied: ModelParameters['tied'];
}

const KEYS = [
  'out',
  'seed',
  'dtype',
  'shardSize',
  'workers',
  'shard',
  'chunkElements',
  'fs',
  'onProgress',
  'signal',
];
const MAX_SCHEMES_METADATA = 1 << 20;
const IN_FLIGHT = 4;

function fail(argument: string, message: string): never {
  throw new AdvisorError('INVALID_ARGUMENT', argument, message);
}

function checkOptions(options: MaterializeToDiskOptions) {
  if (options === null || typeof options !== 'object')
    fail('options', 'must be an object with at least { out }');
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) {
      const near = nearestKey(key, KEYS);
      fail(
        `options.${key.slice(0, 40)}`,
        `unknown option${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${KEYS.join(', ')}`,
      );
    }
  }
  if (typeof options.out !== 'string' || options.out.length === 0) fail('out', 'must be a directory path');
  const dtype = options.dtype ?? 'f32';
  if (!(dtype in DTYPES)) fail('dtype', "must be 'f32', 'bf16', 'f16' or 'f64'");
  const shardSize = options.shardSize ?? 2e9;
  if (shardSize !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(shardSize) || shardSize < 1)) {
    fail('shardSize', 'must be a positive integer number of bytes or Infinity');
  }
  const workers = options.workers ?? 0;
  if (!Number.isSafeInteger(workers) || workers < 0 || workers > 255)
    fail('workers', 'must be an integer in [0, 255]');
  const chunk = options.chunkElements ?? 1 << 20;
  if (!Number.isSafeInteger(chunk) || chunk < 1 || chunk > 1 << 26)
    fail('chunkElements', 'must be an integer in [1, 2^26]');
  const shard = options.shard;
  if (shard !== undefined) {
    if (
      shard === null ||
      typeof shard !== 'object' ||
      !Number.isSafeInteger(shard.index) ||
      !Number.isSafeInteger(shard.count)
    ) {
      fail('shard', 'must be { index, count } with integers 1 <= index <= count');
    }
    if (shard.count < 1 || shard.index < 1 || shard.index > shard.count)
      fail('shard', `index ${shard.index} is not in 1..${shard.count}`);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    fail('onProgress', 'must be a function');
  return { dtype: dtype as DiskDtype, shardSize, workers, chunk, shard, seed: checkSeed(options.seed) };
}

/**
 * The checkpoint files a model gives for a seed, dtype and shard size: names, header bytes and offsets, the
 * index when sharded. Every file's `__metadata__` holds `format: 'pt'`, the seed, the stream rule and (up to
 * 1 MB of JSON) each tensor's scheme config, so a checkpoint says how it was made.
 *
 * @param model - the output of `modelParameters`
 * @param seed - the model seed
 * @param dtype - `'f32'`, `'bf16'`, `'f16'` or `'f64'`
 * @param shardSize - largest tensor data per file in bytes, or Infinity
 * @returns the plan of @init/schemes' `planCheckpoint`
 * @throws {InitError} of @init/schemes for a bad shard size
 * @example
 * ```ts
 * const gpt2 = modelParameters({ n_layer: 12, n_head: 12, n_embd: 768, vocab_size: 50257, n_positions: 1024 });
 * planModelCheckpoint(gpt2, 0, 'f32', 2e8).files.length; // => 3
 * ```
 */
export function planModelCheckpoint(
  model: ModelParameters,
  seed: Seed,
  dtype: DiskDtype,
  shardSize: number,
): CheckpointPlan {
  const schemes: Record<string, unknown> = {};
  for (const p of model.parameters) schemes[p.name] = p.init;
  const schemesJson = JSON.stringify(schemes);
  const metadata: Record<string, string> = {
    format: 'pt',
    'init.generator': '@init/advisor materialize',
    'init.seed': typeof seed === 'bigint' ? `${seed}n` : JSON.stringify(seed),
    'init.stream': 'parameterStream(seed, name): createRng(seed).fork(name), Philox4x32-10',
    ...(schemesJson.length <= MAX_SCHEMES_METADATA ? { 'init.schemes': schemesJson } : {}),
  };
  const entries = model.parameters.map((p) => ({ name: p.name, dtype: DTYPES[dtype], shape: [...p.shape] }));
  return planCheckpoint(entries, { maxShardBytes: shardSize, metadata });
}

async function verified(path: string, file: CheckpointFile): Promise<boolean> {
  try {
    if ((await stat(path)).size !== file.size) return false;
    const side = JSON.parse(await readFile(sidecarPath(path), 'utf8')) as CheckpointSidecar;
    if (side.size !== file.size || side.header_sha256 !== sha256Hex(file.headerBytes)) return false;
    return (await fileDigest(path)) === side.blocks_sha256;
  } catch {
    return false;
  }
}

interface TensorCursor {
  spec: ParameterSpec;
  begin: number; // file byte offset of its data
  end: number;
}

/**
 * The blocks of the files being written: a ring of `slots` blocks of {@link DIGEST_BLOCK_BYTES} in one
 * page-aligned shared memory. Worker threads generate chunks straight into their block, and direct writes go
 * to the device from it, so the values are never copied on the way. Block `b` of a file lives in slot
 * `b mod slots`; {@link BlockRing.written} records that a block's write is done, and a block is handed out
 * only when the one before it in its slot is written.
 */
class BlockRing {
  private readonly memory: Uint8Array;
  private writtenBelow = 0;

  constructor(private readonly slots: number) {
    this.memory = alignedBytes(slots * DIGEST_BLOCK_BYTES, { shared: true });
  }

  /** Starts a new file: its block 0 may take any slot. */
  reset(): void {
    this.writtenBelow = 0;
  }

  /** Block `index` (its first `length` bytes) of the current file. */
  block(index: number, length = DIGEST_BLOCK_BYTES): Uint8Array {
    if (index >= this.writtenBelow + this.slots) {
      throw new Error(
        `block ${index} would reuse the slot of block ${index - this.slots}, which is not written yet`,
      );
    }
    const at = (index % this.slots) * DIGEST_BLOCK_BYTES;
    return this.memory.subarray(at, at + length);
  }

  /** Blocks `0 .. index` of the current file are written. */
  written(index: number): void {
    this.writtenBelow = Math.max(this.writtenBelow, index + 1);
  }
}

/**
 * Fills one block of a file after another with header bytes and tensor values, in file order. Without
 * workers the main thread generates each chunk (f32 and f64 straight into the block). With workers, the
 * workers generate every chunk ahead (see {@link ChunkPipeline}) while the main thread hashes and writes the
 * blocks before it. Values that need no conversion (f32, f64, and bf16, which the workers round themselves
 * with `fillBfloat16`) are generated straight into their block of the {@link BlockRing}; f16 values are
 * generated as float32 and converted into the block on this thread. For bf16 the pipeline runs two chunks
 * ahead, so a worker done with its share of one chunk starts on the next.
 */
class BlockFiller {
  private current:
    | { name: string; gen: ReturnType<typeof fillParameter>; rng: ReturnType<typeof parameterStream> }
    | undefined;
  private readonly scratch: Float32Array | Float64Array;
  private readonly item: number;
  private readonly pipeline: ChunkPipeline<TensorCursor> | undefined;
  /** Chunks whose values go into their block as they are generated. */
  private readonly inPlace: boolean;

  constructor(
    private readonly file: CheckpointFile,
    private readonly tensors: TensorCursor[],
    private readonly seed: Seed,
    private readonly dtype: DiskDtype,
    private readonly chunk: number,
    private readonly ring: BlockRing,
    filler: ParallelChunkFiller | undefined,
  ) {
    this.item = dtype === 'f64' ? 8 : dtype === 'f32' ? 4 : 2;
    // bf16 with workers needs no float32 scratch: the workers write the bit patterns.
    const roundInWorkers = filler !== undefined && dtype === 'bf16';
    this.inPlace = dtype === 'f32' || dtype === 'f64' || roundInWorkers;
    this.scratch =
      dtype === 'f64'
        ? new Float64Array(chunk)
        : new Float32Array(roundInWorkers ? Math.min(chunk, 16_384) : chunk);
    this.pipeline = filler
      ? new ChunkPipeline(
          fileChunks(tensors, file.size, this.item, chunk, DIGEST_BLOCK_BYTES),
          (job, values) => {
            const { spec } = job.tensor;
            const { gen, rng } = this.generator(spec);
            // The workers fill from the plan, which knows nothing of a padding row: zero it once they are done.
            const padded = () => zeroPaddingRow(spec, values, job.e);
            if (roundInWorkers)
              return this.startBfloat16(filler, gen, rng, values as Uint16Array, job.e).then(padded);
            const floats = values as Float32Array | Float64Array;
            if (gen.plan.kind === 'rng') return filler.fill(gen.plan, rng, floats, job.e).then(padded);
            gen.fill(floats, job.e);
            return Promise.resolve();
          },
          chunk,
          dtype === 'f64' ? 'float64' : 'float32',
          this.inPlace ? 2 : 1,
          (job) => (this.inPlace ? this.placeOf(job) : undefined),
        )
      : undefined;
  }

  /** The view of a chunk's values in its block, of the file's element type (bf16 as bit patterns). */
  private placeOf(job: ChunkJob<TensorCursor>): ChunkValues {
    const block = this.ring.block(Math.floor(job.fileAt / DIGEST_BLOCK_BYTES));
    const at = block.byteOffset + (job.fileAt % DIGEST_BLOCK_BYTES);
    const Type = this.dtype === 'f64' ? Float64Array : this.dtype === 'f32' ? Float32Array : Uint16Array;
    return new Type(block.buffer as ArrayBuffer, at, job.n);
  }

  private generator(spec: ParameterSpec) {
    if (this.current?.name !== spec.name) {
      const genDtype = this.dtype === 'f64' ? 'float64' : 'float32';
      this.current = {
        name: spec.name,
        gen: fillParameter(spec, this.seed, genDtype),
        rng: parameterStream(this.seed, spec.name),
      };
    }
    return this.current;
  }

  /**
   * Starts a bf16 chunk: rounded on the worker threads for elementwise plans; otherwise (a `whole` plan: the
   * tensor is generated whole on this thread) generated here and converted, 16384 values at a time.
   */
  private startBfloat16(
    filler: ParallelChunkFiller,
    gen: ReturnType<typeof fillParameter>,
    rng: ReturnType<typeof parameterStream>,
    out: Uint16Array,
    e: number,
  ): Promise<unknown> {
    if (gen.plan.kind !== 'whole') return filler.fillBfloat16(gen.plan, rng, out, e);
    for (let j = 0; j < out.length; j += this.scratch.length) {
      const values = this.scratch.subarray(0, Math.min(this.scratch.length, out.length - j)) as Float32Array;
      gen.fill(values, e + j);
      float32ToBfloat16(values, out.subarray(j, j + values.length));
    }
    return Promise.resolve();
  }

  /** Converts float32 values to the file's 16-bit type into the block at byte `at` of the block. */
  private store(block: Uint8Array, at: number, values: Float32Array): void {
    const out = new Uint16Array(block.buffer, block.byteOffset + at, values.length);
    if (this.dtype === 'bf16') float32ToBfloat16(values, out);
    else float32ToFloat16(values, out);
  }

  /** Fills `block`, the bytes of the file from `blockStart`. */
  async fill(block: Uint8Array, blockStart: number): Promise<void> {
    const blockEnd = blockStart + block.length;
    const header = this.file.headerBytes;
    if (blockStart < header.length)
      block.set(header.subarray(blockStart, Math.min(header.length, blockEnd)), 0);
    if (this.pipeline) {
      for (let c = await this.pipeline.take(blockEnd); c; c = await this.pipeline.take(blockEnd)) {
        if (!this.inPlace) this.store(block, c.job.fileAt - blockStart, c.values as Float32Array);
      }
      return;
    }
    const jobs = fileChunks(this.tensors, blockEnd, this.item, this.chunk, DIGEST_BLOCK_BYTES, blockStart);
    for (const job of jobs) {
      const { gen } = this.generator(job.tensor.spec);
      if (this.dtype === 'f32' || this.dtype === 'f64') {
        // Full precision on the main thread: generated straight into the block (offsets are item-aligned).
        gen.fill(this.placeOf(job) as Float32Array | Float64Array, job.e);
      } else {
        const values = this.scratch.subarray(0, job.n) as Float32Array;
        gen.fill(values, job.e);
        this.store(block, job.fileAt - blockStart, values);
      }
    }
  }
}

function stopMessage(done: readonly string[], failed: string, reason: string, out: string): string {
  const kept = done.length ? `complete and verified: ${done.join(', ')}` : 'no file was completed';
  return `stopped while writing ${failed} (${reason}); ${kept}. The unfinished ${failed}.partial was removed and no file under ${out} looks finished unless it is complete. Rerun the same command to resume: complete files are verified and skipped`;
}

/**
 * Streams a model's initial weights to `.safetensors` files: chunk by chunk, in file order, with bounded memory
 * whatever the model size (Node only; import from `@init/advisor/node`).
 *
 * Formula: tensor `name` holds `fromConfig(init)(shape, parameterStream(seed, name))` converted to `dtype`
 * (round to nearest even for bf16/f16), so every byte is independent of `workers`, `chunkElements`, `shardSize`
 * and `shard`. Files are planned as Hugging Face shards them (`model.safetensors`, or
 * `model-0000i-of-0000N.safetensors` plus `model.safetensors.index.json`), each written under `<file>.partial`,
 * fsynced and renamed when complete, with a sidecar `<file>.sha256.json` (size, header hash, block digest).
 * A rerun skips files whose size and digest verify. Files are written with direct I/O where the file system
 * allows it (`openAtomicFile`'s `direct`). Memory: a ring of 7 blocks of 4 MiB that chunks are generated into,
 * a 4 MiB staging buffer, and for f16 a few chunk arrays; schemes that are not elementwise (orthogonal...) hold
 * one whole tensor.
 *
 * @param source - a plan, list, model description, GPT-2 or LLaMA config (see `modelParameters`)
 * @param options - `out` (required), `seed` (0), `dtype` ('f32'), `shardSize` (2·10^9), `workers` (0), `shard`,
 *   `chunkElements` (2^20), `fs`, `onProgress`, `signal`
 * @returns the files written or skipped, parameter count, bytes and seconds
 * @throws {AdvisorError} `INVALID_ARGUMENT` for bad options (argument named), a `shard.count` that is not the
 *   plan's file count (argument `shard`), or a failed write (argument `out`; the message says which files are
 *   complete and how to resume; `cause` holds the file system's error); errors of `modelParameters`
 * @example
 * ```js
 * const result = await materializeToDisk({ n_layer: 12, n_head: 12, n_embd: 768, vocab_size: 50257, n_positions: 1024 }, { out: 'gpt2-init', dtype: 'bf16', workers: 2 });
 * result.files.map((f) => f.file); // => ['model.safetensors']
 * ```
 */
export async function materializeToDisk(
  source: ModelSource,
  options: MaterializeToDiskOptions,
): Promise<MaterializeToDiskResult> {
  const started = performance.now();
  const o = checkOptions(options);
  const model = modelParameters(source);
  const plan = planModelCheckpoint(model, o.seed, o.dtype, o.shardSize);
  const count = plan.files.length;
  if (o.shard && o.shard.count !== count) {
    fail(
      'shard',
      `the checkpoint has ${count} file${count === 1 ? '' : 's'} at a shard size of ${o.shardSize} bytes, not ${o.shard.count}; use --shard i/${count} (i = 1..${count})`,
    );
  }
  const chosen = o.shard ? [plan.files[o.shard.index - 1] as CheckpointFile] : plan.files;
  const fs = options.fs ?? nodeFileSystem;
  try {
    await mkdir(options.out, { recursive: true });
  } catch (e) {
    throw Object.assign(
      new AdvisorError('INVALID_ARGUMENT', 'out', `cannot create the directory: ${(e as Error).message}`),
      { cause: e },
    );
  }
  const specs = new Map(model.parameters.map((p) => [p.name, p]));
  const bytesTotal = chosen.reduce((a, f) => a + f.size, 0);
  let bytesDone = 0;
  let bytesWritten = 0;
  const results: MaterializedFile[] = [];
  const filler =
    o.workers > 0 ? createParallelChunkFiller({ threads: o.workers + 1, callerShare: false }) : undefined;
  // Blocks being written (IN_FLIGHT), filled (1) and generated ahead by the pipeline (up to 2 more).
  const ring = new BlockRing(IN_FLIGHT + 3);
  try {
    for (const file of chosen) {
      const path = join(options.out, file.file);
      if (await verified(path, file)) {
        results.push({ file: file.file, size: file.size, status: 'skipped' });
        bytesDone += file.size;
        options.onProgress?.({ bytesDone, bytesTotal, file: file.file });
        continue;
      }
      let atomic: AtomicFile | undefined;
      try {
        atomic = await openAtomicFile(path, fs, { direct: true });
        const tensors = file.header.tensors.map((t) => ({
          spec: specs.get(t.name) as ParameterSpec,
          begin: file.header.dataStart + t.dataOffsets[0],
          end: file.header.dataStart + t.dataOffsets[1],
        }));
        ring.reset();
        const blocks = new BlockFiller(file, tensors, o.seed, o.dtype, o.chunk, ring, filler);
        const digests: Uint8Array[] = [];
        const pending: Promise<void>[] = [];
        let writes: Promise<void> = Promise.resolve();
        for (let start = 0, index = 0; start < file.size; start += DIGEST_BLOCK_BYTES, index++) {
          if (options.signal?.aborted) throw Object.assign(new Error('interrupted'), { code: 'ABORT_ERR' });
          if (pending.length >= IN_FLIGHT) await pending.shift();
          const block = ring.block(index, Math.min(DIGEST_BLOCK_BYTES, file.size - start));
          await blocks.fill(block, start);
          digests.push(blockDigest(block));
          const target = atomic;
          const written = index;
          writes = writes.then(async () => {
            await target.write(block);
            ring.written(written);
          });
          const len = block.length;
          const step = writes.then(() => {
            bytesDone += len;
            bytesWritten += len;
            options.onProgress?.({ bytesDone, bytesTotal, file: file.file });
          });
          step.catch(() => undefined); // observed by the awaits below; never an unhandled rejection
          pending.push(step);
        }
        await Promise.all(pending);
        const sidecar: CheckpointSidecar = {
          file: file.file,
          size: file.size,
          header_sha256: sha256Hex(file.headerBytes),
          blocks_sha256: combineDigests(digests),
          algorithm: 'sha256 of the sha256 digests of 4 MiB blocks',
        };
        await atomic.commit();
        const side = await openAtomicFile(sidecarPath(path), fs);
        await side.write(new TextEncoder().encode(`${JSON.stringify(sidecar, null, 2)}\n`));
        await side.commit();
        results.push({ file: file.file, size: file.size, status: 'written' });
      } catch (e) {
        await atomic?.abort();
        if (e instanceof AdvisorError && e.argument !== 'out') throw e;
        const reason = (e as { code?: string }).code === 'ABORT_ERR' ? 'interrupted' : (e as Error).message;
        const done = results.map((r) => r.file);
        throw Object.assign(
          new AdvisorError('INVALID_ARGUMENT', 'out', stopMessage(done, file.file, reason, options.out)),
          {
            cause: e,
          },
        );
      }
    }
    if (plan.index) {
      const index = await openAtomicFile(join(options.out, CHECKPOINT_INDEX_FILE), fs);
      try {
        await index.write(new TextEncoder().encode(checkpointIndexJson(plan.index)));
        await index.commit();
      } catch (e) {
        await index.abort();
        throw Object.assign(
          new AdvisorError(
            'INVALID_ARGUMENT',
            'out',
            `cannot write ${CHECKPOINT_INDEX_FILE}: ${(e as Error).message}; rerun the same command`,
          ),
          { cause: e },
        );
      }
    }
  } finally {
    await filler?.close();
  }
  return {
    files: results,
    checkpointFiles: [...plan.files.map((f) => f.file), ...(plan.index ? [CHECKPOINT_INDEX_FILE] : [])],
    parameters: model.parameters.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0),
    bytesWritten,
    seconds: (performance.now() - started) / 1000,
    tied: model.tied,
  };
}
