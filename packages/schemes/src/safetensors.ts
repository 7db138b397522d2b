import { describeValue, InitError } from './errors';
import { requireLittleEndian } from './half-precision';
import { checkShape } from './shape';
import { type JsonValue, parseStrictJson } from './strict-json';
import { MAX_ELEMENTS, MAX_HEADER_BYTES } from './weights-limits';

/** Element types of `.safetensors` tensors this package reads and writes. */
export type SafetensorsDtype = 'F32' | 'F64' | 'BF16' | 'F16';

/** Bytes per element of each dtype. */
export const SAFETENSORS_ITEM_SIZE: Readonly<Record<SafetensorsDtype, number>> = Object.freeze({
  F32: 4,
  F64: 8,
  BF16: 2,
  F16: 2,
});

/** A tensor's name, dtype and shape: all a header needs. */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
}

/** A tensor as the header places it: data bytes [begin, end) counted from the end of the header. */
export interface SafetensorsTensorInfo extends SafetensorsEntry {
  dataOffsets: [number, number];
}

/** A checked `.safetensors` header. */
export interface SafetensorsHeader {
  /** The tensors in data order (increasing offsets). */
  tensors: SafetensorsTensorInfo[];
  /** The `__metadata__` strings (empty when absent). */
  metadata: Record<string, string>;
  /** Byte offset of the data: 8 + the JSON header length (padding included). */
  dataStart: number;
  /** Bytes of tensor data. */
  dataBytes: number;
}

/** A decoded tensor: F32 → Float32Array, F64 → Float64Array, BF16/F16 → Uint16Array of bit patterns. */
export interface SafetensorsTensor extends SafetensorsEntry {
  data: Float32Array | Float64Array | Uint16Array;
}

const DTYPES = Object.keys(SAFETENSORS_ITEM_SIZE) as SafetensorsDtype[];
const MAX_NAME_BYTES = 4096;

function bad(argument: string, message: string): never {
  throw new InitError('INVALID_ARGUMENT', argument, message);
}

function checkDtypeName(dtype: unknown, argument: string): SafetensorsDtype {
  if (typeof dtype === 'string' && (DTYPES as string[]).includes(dtype)) return dtype as SafetensorsDtype;
  throw new InitError(
    'UNSUPPORTED',
    argument,
    `dtype ${describeValue(typeof dtype === 'string' ? dtype.slice(0, 40) : dtype)}; supported: ${DTYPES.join(', ')}`,
  );
}

/** numel × item size, or Infinity when it exceeds 2^53 (never a huge allocation). */
function byteSize(shape: readonly number[], dtype: SafetensorsDtype): number {
  if (shape.includes(0)) return 0;
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > MAX_ELEMENTS) return Number.POSITIVE_INFINITY;
  }
  const bytes = n * SAFETENSORS_ITEM_SIZE[dtype];
  return bytes > MAX_ELEMENTS ? Number.POSITIVE_INFINITY : bytes;
}

function checkName(name: unknown, argument: string): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name === '__metadata__' ||
    name.length > MAX_NAME_BYTES
  ) {
    bad(
      argument,
      `must be a non-empty string of at most ${MAX_NAME_BYTES} characters other than '__metadata__', got ${describeValue(typeof name === 'string' ? name.slice(0, 40) : name)}`,
    );
  }
  return name;
}

function checkMetadata(metadata: unknown): Record<string, string> {
  if (metadata === undefined) return {};
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    bad('metadata', `must be an object of strings, got ${describeValue(metadata)}`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') bad(`metadata.${k.slice(0, 40)}`, `must be a string, got ${describeValue(v)}`);
    out[k] = v;
  }
  return out;
}

/**
 * Builds a `.safetensors` header from names, dtypes and shapes alone, so the data can be streamed after it.
 *
 * Formula: the file is `u64 little-endian n`, then n bytes of JSON
 * `{"__metadata__":{…},"<name>":{"dtype":"F32","shape":[…],"data_offsets":[b,e]},…}` padded with spaces
 * to a multiple of 8 (so the data is 8-byte aligned, as the reference implementation pads), then the data.
 * Tensors are laid out back to back in the given order; e − b = numel(shape) × item size.
 *
 * @param entries - `{ name, dtype, shape }` per tensor, names unique
 * @param metadata - optional `__metadata__` strings (omitted from the JSON when empty)
 * @returns `{ bytes, header }`: the 8 + n header bytes and the parsed form with every offset
 * @throws {InitError} `INVALID_ARGUMENT` for a bad or repeated name, a bad shape or a non-string metadata
 *   value; `UNSUPPORTED` for a dtype other than F32, F64, BF16, F16
 * @example
 * ```ts
 * const { bytes, header } = buildSafetensorsHeader([{ name: 'w', dtype: 'F32', shape: [2, 2] }]);
 * [bytes.length % 8, header.dataStart, header.tensors[0].dataOffsets]; // => [0, 72, [0, 16]]
 * ```
 */
export function buildSafetensorsHeader(
  entries: readonly SafetensorsEntry[],
  metadata?: Record<string, string>,
): { bytes: Uint8Array; header: SafetensorsHeader } {
  if (!Array.isArray(entries))
    bad('entries', `must be an array of { name, dtype, shape }, got ${describeValue(entries)}`);
  const meta = checkMetadata(metadata);
  const json: Record<string, unknown> = {};
  if (Object.keys(meta).length > 0) json.__metadata__ = meta;
  const tensors: SafetensorsTensorInfo[] = [];
  const seen = new Set<string>();
  let offset = 0;
  entries.forEach((entry, k) => {
    if (entry === null || typeof entry !== 'object')
      bad(`entries[${k}]`, `must be { name, dtype, shape }, got ${describeValue(entry)}`);
    const name = checkName(entry.name, `entries[${k}].name`);
    if (seen.has(name)) bad(`entries[${k}].name`, `${JSON.stringify(name.slice(0, 80))} appears twice`);
    seen.add(name);
    const dtype = checkDtypeName(entry.dtype, `entries[${k}].dtype`);
    const shape = checkShape(entry.shape, `entries[${k}].shape`);
    const size = byteSize(shape, dtype);
    if (!Number.isFinite(size) || offset + size > MAX_ELEMENTS)
      bad(`entries[${k}].shape`, 'the file would exceed 2^53 bytes');
    const info: SafetensorsTensorInfo = { name, dtype, shape, dataOffsets: [offset, offset + size] };
    tensors.push(info);
    json[name] = { dtype, shape, data_offsets: info.dataOffsets };
    offset += size;
  });
  const text = new TextEncoder().encode(JSON.stringify(json));
  const padded = text.length + ((8 - (text.length % 8)) % 8);
  const bytes = new Uint8Array(8 + padded);
  new DataView(bytes.buffer).setUint32(0, padded, true);
  bytes.set(text, 8);
  bytes.fill(0x20, 8 + text.length);
  return { bytes, header: { tensors, metadata: meta, dataStart: 8 + padded, dataBytes: offset } };
}

/**
 * Reads the 8-byte header length of a `.safetensors` file and checks it against the file size.
 *
 * @param first8 - the file's first bytes (at least 8)
 * @param fileSize - the file's size in bytes
 * @returns n, the JSON header's length; the header occupies bytes [8, 8 + n)
 * @throws {InitError} `INVALID_ARGUMENT` (argument `bytes`) for fewer than 8 bytes, a length over 100 MB, or a
 *   header that runs past the end of the file
 * @example
 * ```ts
 * safetensorsHeaderLength(buildSafetensorsHeader([]).bytes, 16); // => 8
 * ```
 */
export function safetensorsHeaderLength(first8: Uint8Array, fileSize: number): number {
  if (!(first8 instanceof Uint8Array)) bad('bytes', `must be a Uint8Array, got ${describeValue(first8)}`);
  if (!Number.isSafeInteger(fileSize) || fileSize < 0)
    bad('fileSize', `must be a non-negative integer, got ${describeValue(fileSize)}`);
  if (first8.length < 8 || fileSize < 8)
    bad(
      'bytes',
      `a .safetensors file starts with an 8-byte header length; the file has ${Math.min(first8.length, fileSize)} bytes`,
    );
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  if (high !== 0 || low > MAX_HEADER_BYTES) {
    bad('bytes', `the header length ${high * 2 ** 32 + low} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  }
  if (8 + low > fileSize)
    bad('bytes', `the header length ${low} runs past the end of the ${fileSize}-byte file`);
  return low;
}

function asInt(v: JsonValue | undefined, argument: string, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    bad(argument, `${what} must be a non-negative integer, got ${describeValue(v)}`);
  }
  return v;
}

/**
 * Parses and checks the JSON header of a `.safetensors` file against the size of its data.
 *
 * Checks, as the reference implementation does: valid UTF-8 JSON without duplicate keys, an object of
 * `{dtype, shape, data_offsets}` entries plus an optional `__metadata__` of strings, known dtypes,
 * non-negative integer dimensions, offsets with e − b = numel(shape) × item size, and offsets that tile
 * [0, dataBytes) exactly: no overlap, no gap, nothing left over.
 *
 * @param json - the n header bytes (trailing spaces allowed)
 * @param dataBytes - bytes after the header: file size − 8 − n
 * @returns the header, tensors sorted by offset
 * @throws {InitError} `INVALID_ARGUMENT` (argument `header`, or `header.<name>`) for any failed check;
 *   `UNSUPPORTED` for an unknown dtype
 * @example
 * ```ts
 * const { bytes } = buildSafetensorsHeader([{ name: 'b', dtype: 'BF16', shape: [3] }]);
 * parseSafetensorsHeader(bytes.subarray(8), 6).tensors[0].dataOffsets; // => [0, 6]
 * ```
 */
export function parseSafetensorsHeader(json: Uint8Array, dataBytes: number): SafetensorsHeader {
  if (!(json instanceof Uint8Array)) bad('header', `must be a Uint8Array, got ${describeValue(json)}`);
  if (json.length > MAX_HEADER_BYTES) bad('header', `is ${json.length} bytes; at most ${MAX_HEADER_BYTES}`);
  if (!Number.isSafeInteger(dataBytes) || dataBytes < 0)
    bad('dataBytes', `must be a non-negative integer, got ${describeValue(dataBytes)}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return bad('header', 'is not valid UTF-8');
  }
  const root = parseStrictJson(text, 'header');
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    bad('header', 'must be a JSON object');
  let metadata: Record<string, string> = {};
  const tensors: SafetensorsTensorInfo[] = [];
  for (const [name, value] of Object.entries(root)) {
    const arg = `header.${name.slice(0, 80)}`;
    if (name === '__metadata__') {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        bad(arg, 'must be an object of strings');
      metadata = checkMetadata(value);
      continue;
    }
    if (name.length === 0) bad('header', 'has a tensor with an empty name');
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      bad(arg, 'must be { dtype, shape, data_offsets }');
    for (const key of Object.keys(value)) {
      if (key !== 'dtype' && key !== 'shape' && key !== 'data_offsets')
        bad(arg, `has the unknown key ${JSON.stringify(key.slice(0, 40))}`);
    }
    const dtype = checkDtypeName(value.dtype, arg);
    const rawShape = value.shape;
    if (!Array.isArray(rawShape) || rawShape.length > 64)
      bad(arg, 'shape must be an array of at most 64 dimensions');
    const shape = rawShape.map((d) => asInt(d, arg, 'every dimension'));
    const offsets = value.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2) bad(arg, 'data_offsets must be [begin, end]');
    const begin = asInt(offsets[0], arg, 'data_offsets[0]');
    const end = asInt(offsets[1], arg, 'data_offsets[1]');
    if (end < begin) bad(arg, `data_offsets [${begin}, ${end}] end before they begin`);
    const size = byteSize(shape, dtype);
    if (end - begin !== size) {
      throw new InitError(
        'SHAPE_MISMATCH',
        arg,
        `data_offsets [${begin}, ${end}] hold ${end - begin} bytes, shape [${shape.join(', ')}] × ${dtype} needs ${size}`,
      );
    }
    tensors.push({ name, dtype, shape, dataOffsets: [begin, end] });
  }
  tensors.sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let cursor = 0;
  for (const t of tensors) {
    const [begin, end] = t.dataOffsets;
    if (begin !== cursor) {
      bad(
        `header.${t.name.slice(0, 80)}`,
        begin < cursor
          ? `data_offsets [${begin}, ${end}] overlap the previous tensor, which ends at ${cursor}`
          : `data_offsets [${begin}, ${end}] leave a gap after byte ${cursor}`,
      );
    }
    cursor = end;
  }
  if (cursor !== dataBytes) {
    bad('header', `the tensors hold ${cursor} bytes of data, the file has ${dataBytes} after the header`);
  }
  return { tensors, metadata, dataStart: 8 + json.length, dataBytes };
}

function viewAs(dtype: SafetensorsDtype, bytes: Uint8Array): Float32Array | Float64Array | Uint16Array {
  const copy = bytes.slice();
  if (dtype === 'F32') return new Float32Array(copy.buffer);
  if (dtype === 'F64') return new Float64Array(copy.buffer);
  return new Uint16Array(copy.buffer);
}

/**
 * Decodes a whole `.safetensors` file held in memory. Every check of {@link parseSafetensorsHeader} runs
 * before anything is allocated; each tensor's data is copied out (no aliasing of `bytes`).
 *
 * @param bytes - the file
 * @returns `{ tensors, metadata }`, tensors in data order; BF16 and F16 data as Uint16Array bit patterns
 *   (widen them with `bfloat16ToFloat32` / `float16ToFloat32`)
 * @throws {InitError} as {@link safetensorsHeaderLength} and {@link parseSafetensorsHeader}
 * @example
 * ```ts
 * const file = encodeSafetensors([{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }]);
 * decodeSafetensors(file).tensors[0]; // => { name: 'w', dtype: 'F32', shape: [2], data: Float32Array [1, 2] }
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array): {
  tensors: SafetensorsTensor[];
  metadata: Record<string, string>;
} {
  const n = safetensorsHeaderLength(bytes, bytes?.length ?? 0);
  requireLittleEndian('bytes');
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length - 8 - n);
  const tensors = header.tensors.map((t) => ({
    name: t.name,
    dtype: t.dtype,
    shape: t.shape,
    data: viewAs(
      t.dtype,
      bytes.subarray(header.dataStart + t.dataOffsets[0], header.dataStart + t.dataOffsets[1]),
    ),
  }));
  return { tensors, metadata: header.metadata };
}

/** A tensor to encode: F32 needs Float32Array data, F64 Float64Array, BF16/F16 Uint16Array bit patterns. */
export interface SafetensorsInput {
  name: string;
  shape: readonly number[];
  data: Float32Array | Float64Array | Uint16Array;
  /** Default: F32 for Float32Array, F64 for Float64Array; required for Uint16Array (BF16 or F16). */
  dtype?: SafetensorsDtype;
}

function dtypeFor(t: SafetensorsInput, k: number): SafetensorsDtype {
  const arg = `tensors[${k}]`;
  if (t === null || typeof t !== 'object') bad(arg, `must be { name, shape, data }, got ${describeValue(t)}`);
  const given = t.dtype === undefined ? undefined : checkDtypeName(t.dtype, `${arg}.dtype`);
  const natural =
    t.data instanceof Float32Array
      ? 'F32'
      : t.data instanceof Float64Array
        ? 'F64'
        : t.data instanceof Uint16Array
          ? undefined
          : null;
  if (natural === null)
    bad(`${arg}.data`, `must be a Float32Array, Float64Array or Uint16Array, got ${describeValue(t.data)}`);
  if (natural === undefined) {
    if (given !== 'BF16' && given !== 'F16')
      bad(`${arg}.dtype`, "Uint16Array data needs dtype 'BF16' or 'F16'");
    return given;
  }
  if (given !== undefined && given !== natural) {
    bad(
      `${arg}.dtype`,
      `${given} does not match ${natural === 'F32' ? 'Float32Array' : 'Float64Array'} data; convert first`,
    );
  }
  return natural;
}

/**
 * Encodes tensors as one `.safetensors` file in memory, in the given order (header from
 * {@link buildSafetensorsHeader}). Use `float32ToBfloat16` / `float32ToFloat16` first for half precision.
 *
 * @param tensors - `{ name, shape, data, dtype? }` per tensor
 * @param options - `metadata`: `__metadata__` strings
 * @returns the file's bytes
 * @throws {InitError} as {@link buildSafetensorsHeader}; `SHAPE_MISMATCH` (argument `tensors[k].data`) when the
 *   data length is not numel(shape); `INVALID_ARGUMENT` for a dtype that does not match the data
 * @example
 * ```ts
 * encodeSafetensors([{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }]).length; // => 72
 * ```
 */
export function encodeSafetensors(
  tensors: readonly SafetensorsInput[],
  options: { metadata?: Record<string, string> } = {},
): Uint8Array {
  if (!Array.isArray(tensors))
    bad('tensors', `must be an array of { name, shape, data }, got ${describeValue(tensors)}`);
  if (options === null || typeof options !== 'object')
    bad('options', `must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (key !== 'metadata') bad('options', `unknown option '${key.slice(0, 40)}'; allowed: metadata`);
  }
  requireLittleEndian('tensors');
  const entries = tensors.map((t, k) => {
    const dtype = dtypeFor(t, k);
    return { name: t.name, dtype, shape: t.shape as number[] };
  });
  const { bytes, header } = buildSafetensorsHeader(entries, options.metadata);
  const out = new Uint8Array(header.dataStart + header.dataBytes);
  out.set(bytes, 0);
  header.tensors.forEach((info, k) => {
    const data = (tensors[k] as SafetensorsInput).data;
    if (data.byteLength !== info.dataOffsets[1] - info.dataOffsets[0]) {
      throw new InitError(
        'SHAPE_MISMATCH',
        `tensors[${k}].data`,
        `has ${data.length} values, shape [${info.shape.join(', ')}] needs ${(info.dataOffsets[1] - info.dataOffsets[0]) / SAFETENSORS_ITEM_SIZE[info.dtype]}`,
      );
    }
    out.set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      header.dataStart + info.dataOffsets[0],
    );
  });
  return out;
}
