import { describeValue, InitError } from './errors';
import {
  buildSafetensorsHeader,
  SAFETENSORS_ITEM_SIZE,
  type SafetensorsEntry,
  type SafetensorsHeader,
} from './safetensors';
import { checkShape, numel } from './shape';

/** One file of a checkpoint: its name, header bytes and where each tensor goes. */
export interface CheckpointFile {
  /** File name: `model.safetensors`, or `model-00001-of-00003.safetensors` when sharded. */
  file: string;
  /** The 8-byte length plus the padded JSON header: the first bytes of the file. */
  headerBytes: Uint8Array;
  /** The parsed header (tensors in file order). */
  header: SafetensorsHeader;
  /** Total file size: header plus data. */
  size: number;
}

/** The `model.safetensors.index.json` of a sharded checkpoint. */
export interface CheckpointIndex {
  metadata: { total_size: number };
  weight_map: Record<string, string>;
}

/** A whole checkpoint: its files and, when there are several, the index. */
export interface CheckpointPlan {
  files: CheckpointFile[];
  /** Present when there are two or more files. */
  index?: CheckpointIndex;
  /** Sum of every tensor's data bytes (headers excluded), as the index's `total_size`. */
  totalSize: number;
}

/** Options of {@link planCheckpoint}. */
export interface CheckpointPlanOptions {
  /** Largest data size of one shard, in bytes; default Infinity (one file). */
  maxShardBytes?: number;
  /** `__metadata__` strings written in every file (e.g. `{ format: 'pt' }`). */
  metadata?: Record<string, string>;
}

/**
 * File name of shard `i` (0-based) of `count`, as Hugging Face names shards.
 *
 * Formula: `model-<i + 1, 5 digits>-of-<count, 5 digits>.safetensors`.
 *
 * @param i - 0-based shard index
 * @param count - number of shards
 * @returns the file name
 * @example
 * ```ts
 * shardFileName(0, 4); // => 'model-00001-of-00004.safetensors'
 * ```
 */
export function shardFileName(i: number, count: number): string {
  const pad = (n: number): string => String(n).padStart(5, '0');
  return `model-${pad(i + 1)}-of-${pad(count)}.safetensors`;
}

/** File name of the index of a sharded checkpoint. */
export const CHECKPOINT_INDEX_FILE = 'model.safetensors.index.json';

/**
 * Splits tensors into checkpoint files the way Hugging Face shards a state dict, from names, dtypes and
 * shapes alone.
 *
 * Formula: tensors are taken in order; a new shard starts when adding the next tensor would take the
 * current shard's data past `maxShardBytes` (a tensor larger than the limit gets a shard of its own). One
 * shard is written as `model.safetensors` with no index; N shards as `model-0000i-of-0000N.safetensors`
 * plus `model.safetensors.index.json` = `{"metadata": {"total_size": T}, "weight_map": {name: file}}`.
 *
 * @param entries - `{ name, dtype, shape }` per tensor, in file order
 * @param options - `maxShardBytes` (default Infinity: one file), `metadata`
 * @returns the files, with header bytes and offsets, and the index when sharded
 * @throws {InitError} as {@link buildSafetensorsHeader}; `INVALID_ARGUMENT` (argument `maxShardBytes`) unless a
 *   positive integer or Infinity, or (argument `entries`) for more than 99999 shards
 * @example
 * ```ts
 * const plan = planCheckpoint(
 *   [{ name: 'a', dtype: 'F32', shape: [4] }, { name: 'b', dtype: 'F32', shape: [4] }],
 *   { maxShardBytes: 16 },
 * );
 * plan.files.map((f) => f.file); // => ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']
 * ```
 */
export function planCheckpoint(
  entries: readonly SafetensorsEntry[],
  options: CheckpointPlanOptions = {},
): CheckpointPlan {
  if (!Array.isArray(entries)) {
    throw new InitError('INVALID_ARGUMENT', 'entries', `must be an array, got ${describeValue(entries)}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new InitError('INVALID_ARGUMENT', 'options', `must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'maxShardBytes' && key !== 'metadata') {
      throw new InitError(
        'INVALID_ARGUMENT',
        'options',
        `unknown option '${key.slice(0, 40)}'; allowed: maxShardBytes, metadata`,
      );
    }
  }
  const max = options.maxShardBytes ?? Number.POSITIVE_INFINITY;
  if (max !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(max) || max <= 0)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'maxShardBytes',
      `must be a positive integer or Infinity, got ${describeValue(max)}`,
    );
  }
  const groups: SafetensorsEntry[][] = [];
  let current: SafetensorsEntry[] = [];
  let used = 0;
  let total = 0;
  entries.forEach((entry, k) => {
    if (entry === null || typeof entry !== 'object') {
      throw new InitError(
        'INVALID_ARGUMENT',
        `entries[${k}]`,
        `must be { name, dtype, shape }, got ${describeValue(entry)}`,
      );
    }
    const shape = checkShape(entry.shape, `entries[${k}].shape`);
    const itemSize = SAFETENSORS_ITEM_SIZE[entry.dtype as SafetensorsEntry['dtype']] ?? 4;
    const size = numel(shape) * itemSize;
    if (current.length > 0 && used + size > max) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(entry);
    used += size;
    total += size;
  });
  groups.push(current);
  if (groups.length > 99_999) {
    throw new InitError('INVALID_ARGUMENT', 'entries', `would need ${groups.length} shards; at most 99999`);
  }
  const count = groups.length;
  const files = groups.map((group, i) => {
    const { bytes, header } = buildSafetensorsHeader(group, options.metadata);
    return {
      file: count === 1 ? 'model.safetensors' : shardFileName(i, count),
      headerBytes: bytes,
      header,
      size: header.dataStart + header.dataBytes,
    };
  });
  if (count === 1) return { files, totalSize: total };
  const names = new Map<string, string>();
  for (const f of files) for (const t of f.header.tensors) names.set(t.name, f.file);
  const weight_map: Record<string, string> = {};
  for (const name of [...names.keys()].sort()) weight_map[name] = names.get(name) as string;
  return { files, index: { metadata: { total_size: total }, weight_map }, totalSize: total };
}

/**
 * The text of `model.safetensors.index.json`, as Hugging Face writes it: keys sorted, two-space indent,
 * a final newline.
 *
 * @param index - the index of a {@link CheckpointPlan}
 * @returns the JSON text
 * @throws {InitError} `INVALID_ARGUMENT` (argument `index`) for anything else
 * @example
 * ```ts
 * checkpointIndexJson({ metadata: { total_size: 8 }, weight_map: { a: 'model-00001-of-00001.safetensors' } }).endsWith('}\n'); // => true
 * ```
 */
export function checkpointIndexJson(index: CheckpointIndex): string {
  const map = (index as Partial<CheckpointIndex> | null)?.weight_map;
  const total = (index as Partial<CheckpointIndex> | null)?.metadata?.total_size;
  if (map === null || typeof map !== 'object' || !Number.isSafeInteger(total)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'index',
      'must be { metadata: { total_size }, weight_map: { name: file } }',
    );
  }
  const weight_map: Record<string, string> = {};
  for (const name of Object.keys(index.weight_map).sort())
    weight_map[name] = index.weight_map[name] as string;
  return `${JSON.stringify({ metadata: { total_size: index.metadata.total_size }, weight_map }, null, 2)}\n`;
}
