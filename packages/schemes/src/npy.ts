import { describeValue, InitError } from './errors';
import { requireLittleEndian } from './half-precision';
import { checkShape, numel } from './shape';
import type { Dtype, Tensor } from './tensor';
import { MAX_HEADER_BYTES } from './weights-limits';

/** `.npy` format versions this package reads and writes. */
export type NpyVersion = 1 | 2;

/** What the header of a `.npy` file says. */
export interface NpyHeader {
  /** Format major version (1 or 2; both minor 0). */
  version: NpyVersion;
  /** `'float32'` for `<f4`, `'float64'` for `<f8`. */
  dtype: Dtype;
  /** The array's shape (C order). */
  shape: number[];
  /** Byte offset of the first element: the length of magic, version, header length and header. */
  dataOffset: number;
  /** Bytes of element data that follow the header: numel(shape) × item size. */
  dataBytes: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

function bad(argument: string, message: string): never {
  throw new InitError('INVALID_ARGUMENT', argument, message);
}

function descrOf(dtype: Dtype): string {
  return dtype === 'float32' ? '<f4' : '<f8';
}

function reprShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * The header bytes of a `.npy` file (magic, version, length, header dict, padding), exactly as
 * `numpy.save` writes them, so a file can be streamed: header first, then the raw little-endian data.
 *
 * Formula: the dict `{'descr': '<f4', 'fortran_order': False, 'shape': (…), }` is followed by spaces
 * (numpy's 21-digit growth room for the first axis, then alignment) and `\n` so the data starts at a
 * multiple of 64 bytes. Version 1.0 stores the header length in 2 bytes, 2.0 in 4.
 *
 * @param shape - non-negative integer dimensions
 * @param dtype - `'float32'` (`<f4`, default) or `'float64'` (`<f8`)
 * @param version - 1 or 2; default: 1 when the header fits in 65535 bytes (as numpy chooses), else 2
 * @returns the header bytes; the data starts right after them
 * @throws {InitError} `INVALID_ARGUMENT` for a bad shape, dtype or version, or a header too long for version 1
 * @example
 * ```ts
 * npyHeader([2, 3]).length; // => 128
 * ```
 */
export function npyHeader(
  shape: readonly number[],
  dtype: Dtype = 'float32',
  version?: NpyVersion,
): Uint8Array {
  const s = checkShape(shape);
  if (dtype !== 'float32' && dtype !== 'float64') {
    bad('dtype', `must be 'float32' or 'float64', got ${describeValue(dtype)}`);
  }
  if (version !== undefined && version !== 1 && version !== 2) {
    bad('version', `must be 1 or 2, got ${describeValue(version)}`);
  }
  let dict = `{'descr': '${descrOf(dtype)}', 'fortran_order': False, 'shape': ${reprShape(s)}, }`;
  if (s.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(s[0]).length));
  const wrap = (v: NpyVersion): Uint8Array | undefined => {
    const lengthBytes = v === 1 ? 2 : 4;
    const hlen = dict.length + 1;
    const pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ALIGN);
    const total = hlen + pad;
    if (v === 1 && total > 0xffff) return undefined;
    const out = new Uint8Array(MAGIC.length + 2 + lengthBytes + total);
    out.set(MAGIC, 0);
    out[6] = v;
    out[7] = 0;
    const view = new DataView(out.buffer);
    if (v === 1) view.setUint16(8, total, true);
    else view.setUint32(8, total, true);
    const start = MAGIC.length + 2 + lengthBytes;
    for (let k = 0; k < dict.length; k++) out[start + k] = dict.charCodeAt(k);
    out.fill(0x20, start + dict.length, out.length - 1);
    out[out.length - 1] = 0x0a;
    return out;
  };
  const bytes = wrap(version ?? 1) ?? (version === undefined ? wrap(2) : undefined);
  if (bytes === undefined) bad('version', 'the header does not fit in a version 1.0 file; use version 2');
  return bytes;
}

/**
 * Encodes a tensor as a `.npy` file (C order, little-endian), byte for byte what `numpy.save` writes.
 *
 * @param tensor - `{ data, shape }` with Float32Array (`<f4`) or Float64Array (`<f8`) data of numel(shape) values
 * @param options - `version`: 1 or 2 (default as {@link npyHeader})
 * @returns the file's bytes
 * @throws {InitError} `INVALID_ARGUMENT` for bad data, shape or version; `SHAPE_MISMATCH` (argument `data`)
 *   when the data length is not numel(shape)
 * @example
 * ```ts
 * const bytes = encodeNpy({ data: new Float32Array([1, 2, 3]), shape: [3] });
 * decodeNpy(bytes).data; // => Float32Array [1, 2, 3]
 * ```
 */
export function encodeNpy(
  tensor: { data: Float32Array | Float64Array; shape: readonly number[] },
  options: { version?: NpyVersion } = {},
): Uint8Array {
  if (tensor === null || typeof tensor !== 'object')
    bad('tensor', `must be { data, shape }, got ${describeValue(tensor)}`);
  if (options === null || typeof options !== 'object')
    bad('options', `must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (key !== 'version') bad('options', `unknown option '${key}'; allowed: version`);
  }
  requireLittleEndian('tensor');
  const { data } = tensor;
  if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) {
    bad('data', `must be a Float32Array or Float64Array, got ${describeValue(data)}`);
  }
  const shape = checkShape(tensor.shape);
  if (numel(shape) !== data.length) {
    throw new InitError(
      'SHAPE_MISMATCH',
      'data',
      `has ${data.length} values, the shape needs ${numel(shape)}`,
    );
  }
  const header = npyHeader(shape, data instanceof Float32Array ? 'float32' : 'float64', options.version);
  const out = new Uint8Array(header.length + data.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), header.length);
  return out;
}

function parseValue(text: string, at: { i: number }, argument: string): string | boolean | number[] {
  const skip = (): void => {
    while (at.i < text.length && (text[at.i] === ' ' || text[at.i] === '\t')) at.i++;
  };
  skip();
  const c = text[at.i];
  if (c === "'" || c === '"') {
    const end = text.indexOf(c, at.i + 1);
    if (end < 0) bad(argument, 'the header has an unterminated string');
    const s = text.slice(at.i + 1, end);
    at.i = end + 1;
    return s;
  }
  if (text.startsWith('True', at.i)) {
    at.i += 4;
    return true;
  }
  if (text.startsWith('False', at.i)) {
    at.i += 5;
    return false;
  }
  if (c === '(') {
    at.i++;
    const dims: number[] = [];
    for (;;) {
      skip();
      if (text[at.i] === ')') {
        at.i++;
        return dims;
      }
      const m = /^-?\d+(\.\d*)?/.exec(text.slice(at.i, at.i + 40));
      if (m === null) bad(argument, 'the shape is not a tuple of integers');
      const d = Number(m[0]);
      if (!Number.isSafeInteger(d) || d < 0 || m[0].includes('.')) {
        bad(argument, `the shape has the dimension ${m[0]}; dimensions are non-negative integers`);
      }
      dims.push(d);
      at.i += m[0].length;
      skip();
      if (text[at.i] === ',') at.i++;
      else if (text[at.i] !== ')') bad(argument, 'the shape is not a tuple of integers');
    }
  }
  return bad(argument, `the header has an unsupported value at character ${at.i}`);
}

/** Parses the Python dict literal of a `.npy` header (keys descr, fortran_order, shape). */
function parseDict(text: string, argument: string): Record<string, string | boolean | number[]> {
  const at = { i: 0 };
  const out: Record<string, string | boolean | number[]> = Object.create(null);
  const trimmed = text.trimEnd();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) bad(argument, 'the header is not a dict literal');
  const body = trimmed.slice(1, -1);
  for (;;) {
    while (at.i < body.length && /\s/.test(body[at.i] as string)) at.i++;
    if (at.i >= body.length) break;
    const key = parseValue(body, at, argument);
    if (typeof key !== 'string') bad(argument, 'the header has a key that is not a string');
    while (body[at.i] === ' ') at.i++;
    if (body[at.i] !== ':') bad(argument, "the header is missing a ':'");
    at.i++;
    if (key in out) bad(argument, `the header has the key '${key.slice(0, 40)}' twice`);
    out[key] = parseValue(body, at, argument);
    while (body[at.i] === ' ') at.i++;
    if (body[at.i] === ',') at.i++;
    else if (at.i < body.length) bad(argument, "the header is missing a ','");
  }
  return out;
}

/**
 * Reads and checks the header of a `.npy` file from its first bytes, without touching the data.
 *
 * @param bytes - at least the whole header (the first 64 bytes are usually enough; more is fine)
 * @param fileSize - total file size in bytes (default `bytes.length`); the data must fill the rest exactly
 * @returns the header: version, dtype, shape, data offset and data length
 * @throws {InitError} `INVALID_ARGUMENT` (argument `bytes`) for a missing magic string, a truncated file or
 *   header, a malformed dict, bad dimensions or a size that does not match; `UNSUPPORTED` (argument `bytes`)
 *   for versions other than 1.0 and 2.0, Fortran order, or a descr other than `<f4`/`<f8`
 * @example
 * ```ts
 * parseNpyHeader(npyHeader([2, 3]), 128 + 24); // => { version: 1, dtype: 'float32', shape: [2, 3], dataOffset: 128, dataBytes: 24 }
 * ```
 */
export function parseNpyHeader(bytes: Uint8Array, fileSize: number = bytes?.length): NpyHeader {
  const arg = 'bytes';
  if (!(bytes instanceof Uint8Array)) bad(arg, `must be a Uint8Array, got ${describeValue(bytes)}`);
  if (!Number.isSafeInteger(fileSize) || fileSize < bytes.length) {
    bad('fileSize', `must be an integer >= bytes.length, got ${describeValue(fileSize)}`);
  }
  if (bytes.length < 10) bad(arg, `a .npy file starts with at least 10 bytes, got ${bytes.length}`);
  for (let k = 0; k < MAGIC.length; k++) {
    if (bytes[k] !== MAGIC[k]) bad(arg, 'is not a .npy file (the magic string \\x93NUMPY is missing)');
  }
  const major = bytes[6] as number;
  const minor = bytes[7] as number;
  if ((major !== 1 && major !== 2) || minor !== 0) {
    throw new InitError('UNSUPPORTED', arg, `format version ${major}.${minor}; supported: 1.0 and 2.0`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) bad(arg, 'the file is truncated inside the header length');
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (hlen > MAX_HEADER_BYTES) bad(arg, `the header claims ${hlen} bytes; at most ${MAX_HEADER_BYTES}`);
  const dataOffset = 8 + lengthBytes + hlen;
  if (dataOffset > fileSize) bad(arg, `the header claims ${hlen} bytes but the file has ${fileSize}`);
  if (dataOffset > bytes.length)
    bad(arg, `the header needs ${dataOffset} bytes, only ${bytes.length} were given`);
  let text = '';
  for (let k = 8 + lengthBytes; k < dataOffset; k++) {
    const c = bytes[k] as number;
    if (c > 0x7e || (c < 0x20 && c !== 0x0a && c !== 0x09)) bad(arg, 'the header is not ASCII text');
    text += String.fromCharCode(c);
  }
  const dict = parseDict(text, arg);
  const keys = Object.keys(dict).sort().join(',');
  if (keys !== 'descr,fortran_order,shape') {
    bad(arg, `the header must have exactly the keys descr, fortran_order, shape; got ${keys.slice(0, 80)}`);
  }
  const descr = dict.descr;
  if (descr !== '<f4' && descr !== '<f8') {
    throw new InitError(
      'UNSUPPORTED',
      arg,
      `descr ${JSON.stringify(String(descr).slice(0, 40))}; supported: '<f4' (float32) and '<f8' (float64)`,
    );
  }
  if (typeof dict.fortran_order !== 'boolean') bad(arg, 'fortran_order must be True or False');
  if (dict.fortran_order)
    throw new InitError('UNSUPPORTED', arg, 'Fortran-order arrays are not supported; save in C order');
  const shape = dict.shape;
  if (!Array.isArray(shape)) bad(arg, 'the shape must be a tuple of integers');
  const itemSize = descr === '<f4' ? 4 : 8;
  const available = fileSize - dataOffset;
  let elements = shape.includes(0) ? 0 : 1;
  for (const d of shape) {
    elements *= d;
    if (elements * itemSize > available) break;
  }
  const needed = elements * itemSize;
  if (needed !== available) {
    bad(
      arg,
      needed > available
        ? `the shape ${reprShape(shape)} needs more data than the ${available} bytes the file has`
        : `the shape ${reprShape(shape)} needs ${needed} bytes of data, the file has ${available}`,
    );
  }
  return {
    version: major as NpyVersion,
    dtype: descr === '<f4' ? 'float32' : 'float64',
    shape,
    dataOffset,
    dataBytes: available,
  };
}

/**
 * Decodes a `.npy` file (versions 1.0 and 2.0, `<f4` or `<f8`, C order) into a tensor. The data is copied,
 * so the result does not alias `bytes`.
 *
 * @param bytes - the whole file
 * @returns `{ data, shape, dtype }`
 * @throws {InitError} as {@link parseNpyHeader}; nothing is allocated before the header is checked
 * @example
 * ```ts
 * decodeNpy(encodeNpy({ data: new Float64Array([0.5]), shape: [1, 1] })); // => { data: Float64Array [0.5], shape: [1, 1], dtype: 'float64' }
 * ```
 */
export function decodeNpy(bytes: Uint8Array): Tensor {
  const header = parseNpyHeader(bytes);
  requireLittleEndian('bytes');
  const copy = bytes.slice(header.dataOffset, header.dataOffset + header.dataBytes);
  const data = header.dtype === 'float32' ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
  return { data, shape: header.shape, dtype: header.dtype };
}
