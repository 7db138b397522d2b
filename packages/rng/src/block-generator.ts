import { philoxBlocks } from './philox';

/**
 * Produces runs of Philox4x32-10 blocks for the main counter domain (counter = (block mod 2^32,
 * floor(block / 2^32), 0, 0)). Two interchangeable backends give identical words: WebAssembly SIMD when
 * available and plain TypeScript otherwise.
 */
export interface BlockGenerator {
  readonly backend: 'wasm' | 'ts';
  /** Largest `nBlocks` accepted by {@link BlockGenerator.words}. */
  readonly maxBlocks: number;
  /**
   * Words of blocks `block .. block + nBlocks - 1` (4 per block) in a view that stays valid until the next
   * call. `block` is a non-negative safe integer.
   */
  words(k0: number, k1: number, block: number, nBlocks: number): Uint32Array;
}

/** Blocks per call: 16 KiB of words stays in L1/L2 while the caller consumes it. */
export const CHUNK_BLOCKS = 1024;

class TsBlockGenerator implements BlockGenerator {
  readonly backend = 'ts' as const;
  readonly maxBlocks = CHUNK_BLOCKS;
  private readonly buffer = new Uint32Array(4 * CHUNK_BLOCKS);
  words(k0: number, k1: number, block: number, nBlocks: number): Uint32Array {
    philoxBlocks(k0, k1, block % 4294967296, Math.floor(block / 4294967296), 0, 0, nBlocks, this.buffer, 0);
    return this.buffer;
  }
}

let tsGenerator: TsBlockGenerator | undefined;
let wasmFactory: (() => BlockGenerator | undefined) | undefined;
let wasmGenerator: BlockGenerator | undefined | null;
let forced: 'wasm' | 'ts' | undefined;

/** Registers the WebAssembly backend's factory (called by the module that holds the WebAssembly code). */
export function registerWasmBlockGenerator(factory: () => BlockGenerator | undefined): void {
  wasmFactory = factory;
}

/**
 * Chooses the backend: `'ts'` forces the TypeScript path, `'wasm'` requires WebAssembly (throws if it is
 * unavailable), `undefined` restores automatic choice (WebAssembly when it instantiates, else TypeScript).
 * Both give identical words; this exists for tests and benchmarks.
 */
export function setBlockBackend(backend: 'wasm' | 'ts' | undefined): void {
  if (backend === 'wasm' && !wasm()) throw new Error('WebAssembly SIMD backend is not available');
  forced = backend;
}

function wasm(): BlockGenerator | undefined {
  if (wasmGenerator === undefined) {
    try {
      wasmGenerator = wasmFactory?.() ?? null;
    } catch {
      wasmGenerator = null;
    }
  }
  return wasmGenerator ?? undefined;
}

/** The block generator in use. */
export function blockGenerator(): BlockGenerator {
  if (forced !== 'ts') {
    const w = wasm();
    if (w) return w;
  }
  tsGenerator ??= new TsBlockGenerator();
  return tsGenerator;
}
