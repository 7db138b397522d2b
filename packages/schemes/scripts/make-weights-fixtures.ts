/**
 * Writes the corrupt (and a few valid) weights files of test/fixtures/weights/ and their manifest
 * test/fixtures/weights-files.json. Every file is produced here from a valid file made by the package's own
 * encoders; none is edited by hand.
 *
 * Run from packages/schemes: `npx tsx scripts/make-weights-fixtures.ts`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodeNpy, encodeSafetensors } from '../src/index';

const dir = new URL('../test/fixtures/weights/', import.meta.url);
mkdirSync(dir, { recursive: true });

interface Case {
  file: string;
  /** What is wrong with it, or 'valid'. */
  what: string;
  /** Expected InitError code, or null for a valid file. */
  code: string | null;
  /** Expected `argument` (prefix) of the error. */
  argument?: string;
}
const cases: Case[] = [];

function put(file: string, bytes: Uint8Array, what: string, code: string | null, argument?: string): void {
  writeFileSync(new URL(file, dir), bytes);
  cases.push({ file, what, code, ...(argument !== undefined ? { argument } : {}) });
}

/** A safetensors file from a raw JSON header text and `dataBytes` bytes of data (0x11 each). */
function rawSafetensors(json: string, dataBytes: number, declaredLength?: number | bigint): Uint8Array {
  const text = new TextEncoder().encode(json);
  const padded = text.length + ((8 - (text.length % 8)) % 8);
  const out = new Uint8Array(8 + padded + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(declaredLength ?? padded), true);
  out.set(text, 8);
  out.fill(0x20, 8 + text.length, 8 + padded);
  out.fill(0x11, 8 + padded);
  return out;
}

// ---------------------------------------------------------------- safetensors
const valid = encodeSafetensors(
  [
    { name: 'a.weight', shape: [2, 3], data: new Float32Array([1, -2, 3.5, 0, 1e-3, -0]) },
    { name: 'b.bias', shape: [2], dtype: 'BF16', data: new Uint16Array([0x3f80, 0xc000]) },
    { name: 'c', shape: [1], data: new Float64Array([Math.PI]) },
    { name: 'd', shape: [3], dtype: 'F16', data: new Uint16Array([0x3c00, 0x0001, 0x7c00]) },
  ],
  { metadata: { format: 'pt' } },
);
put('valid.safetensors', valid, 'valid', null);
put(
  'truncated.safetensors',
  valid.subarray(0, valid.length - 3),
  'last 3 data bytes cut off',
  'INVALID_ARGUMENT',
  'header',
);
put(
  'too-short.safetensors',
  valid.subarray(0, 5),
  'shorter than the 8-byte length',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'header-beyond-file.safetensors',
  rawSafetensors('{}', 0, 4096),
  'header length beyond the file',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'header-over-100mb.safetensors',
  rawSafetensors('{}', 0, 200 * 1024 * 1024),
  'header length of 200 MB',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'header-length-u64.safetensors',
  rawSafetensors('{}', 0, 1n << 40n),
  'header length above 2^32',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'duplicate-name.safetensors',
  rawSafetensors(
    '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}',
    8,
  ),
  'the same tensor name twice',
  'INVALID_ARGUMENT',
  'header',
);
put(
  'overlapping-offsets.safetensors',
  rawSafetensors(
    '{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}',
    24,
  ),
  'two tensors share bytes 8..16',
  'INVALID_ARGUMENT',
  'header.b',
);
put(
  'duplicate-offsets.safetensors',
  rawSafetensors(
    '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}',
    8,
  ),
  'two tensors with the same offsets',
  'INVALID_ARGUMENT',
  'header.',
);
put(
  'gap-offsets.safetensors',
  rawSafetensors(
    '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}}',
    24,
  ),
  'unused bytes between two tensors',
  'INVALID_ARGUMENT',
  'header.b',
);
put(
  'offsets-shape-mismatch.safetensors',
  rawSafetensors('{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}', 12),
  'offsets hold 12 bytes, shape × dtype needs 16',
  'SHAPE_MISMATCH',
  'header.w',
);
put(
  'offsets-end-before-begin.safetensors',
  rawSafetensors('{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}', 8),
  'data_offsets end before they begin',
  'INVALID_ARGUMENT',
  'header.w',
);
put(
  'huge-shape.safetensors',
  rawSafetensors('{"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}}', 4),
  'a shape of 2^96 elements on 4 bytes (must fail without allocating)',
  'SHAPE_MISMATCH',
  'header.w',
);
put(
  'not-json.safetensors',
  rawSafetensors('{"w": not json', 0),
  'header is not JSON',
  'INVALID_ARGUMENT',
  'header',
);
put(
  'not-object.safetensors',
  rawSafetensors('[1, 2, 3]', 0),
  'header is a JSON array',
  'INVALID_ARGUMENT',
  'header',
);
put(
  'negative-dimension.safetensors',
  rawSafetensors('{"w":{"dtype":"F32","shape":[-1,2],"data_offsets":[0,8]}}', 8),
  'a negative dimension',
  'INVALID_ARGUMENT',
  'header.w',
);
put(
  'fractional-dimension.safetensors',
  rawSafetensors('{"w":{"dtype":"F32","shape":[1.5,2],"data_offsets":[0,12]}}', 12),
  'a fractional dimension',
  'INVALID_ARGUMENT',
  'header.w',
);
put(
  'unknown-dtype.safetensors',
  rawSafetensors('{"w":{"dtype":"Q4","shape":[2],"data_offsets":[0,1]}}', 1),
  'an unknown dtype',
  'UNSUPPORTED',
  'header.w',
);
put(
  'metadata-not-string.safetensors',
  rawSafetensors('{"__metadata__":{"step":1}}', 0),
  'a __metadata__ value that is not a string',
  'INVALID_ARGUMENT',
  'metadata.step',
);
{
  const bad = rawSafetensors('{"\u00e9":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}', 0);
  const at = bad.indexOf(0xc3);
  bad[at] = 0xff; // not a UTF-8 lead byte
  put('invalid-utf8.safetensors', bad, 'header bytes that are not UTF-8', 'INVALID_ARGUMENT', 'header');
}

// ---------------------------------------------------------------- npy
const npy = encodeNpy({ data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] });
put('valid-v1.npy', npy, 'valid', null);
put(
  'valid-v2.npy',
  encodeNpy({ data: new Float64Array([0.25, -1]), shape: [2] }, { version: 2 }),
  'valid',
  null,
);

/** A .npy file from a raw header dict text (numpy's padding), version 1, with `dataBytes` of data. */
function rawNpy(dict: string, dataBytes: number, major = 1): Uint8Array {
  const lengthBytes = major === 1 ? 2 : 4;
  const hlen = dict.length + 1;
  const pad = 64 - ((8 + lengthBytes + hlen) % 64);
  const total = hlen + pad;
  const out = new Uint8Array(8 + lengthBytes + total + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (lengthBytes === 2) view.setUint16(8, total, true);
  else view.setUint32(8, total, true);
  for (let k = 0; k < dict.length; k++) out[8 + lengthBytes + k] = dict.charCodeAt(k);
  out.fill(0x20, 8 + lengthBytes + dict.length, 8 + lengthBytes + total - 1);
  out[8 + lengthBytes + total - 1] = 0x0a;
  return out;
}
put(
  'fortran-order.npy',
  rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", 24),
  'Fortran order',
  'UNSUPPORTED',
  'bytes',
);
put(
  'descr-int32.npy',
  rawNpy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", 8),
  'descr <i4',
  'UNSUPPORTED',
  'bytes',
);
put(
  'descr-big-endian.npy',
  rawNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8),
  'descr >f4',
  'UNSUPPORTED',
  'bytes',
);
put(
  'descr-structured.npy',
  rawNpy("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }", 8),
  'a structured descr',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'truncated.npy',
  npy.subarray(0, npy.length - 5),
  'last 5 data bytes cut off',
  'INVALID_ARGUMENT',
  'bytes',
);
put('truncated-header.npy', npy.subarray(0, 40), 'cut inside the header', 'INVALID_ARGUMENT', 'bytes');
put(
  'bad-magic.npy',
  Uint8Array.from(npy, (b, k) => (k === 1 ? 0x4f : b)),
  'wrong magic string',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'version-3.npy',
  Uint8Array.from(npy, (b, k) => (k === 6 ? 3 : b)),
  'format version 3.0',
  'UNSUPPORTED',
  'bytes',
);
put(
  'negative-dimension.npy',
  rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }", 24),
  'a negative dimension',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'fractional-dimension.npy',
  rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1.5,), }", 4),
  'a fractional dimension',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'huge-shape.npy',
  rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", 8),
  'a shape of 2^96 elements',
  'INVALID_ARGUMENT',
  'bytes',
);
put(
  'missing-key.npy',
  rawNpy("{'descr': '<f4', 'shape': (2,), }", 8),
  'no fortran_order key',
  'INVALID_ARGUMENT',
  'bytes',
);
{
  const beyond = rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8, 2);
  new DataView(beyond.buffer).setUint32(8, 1 << 20, true);
  put('header-beyond-file.npy', beyond, 'header length beyond the file', 'INVALID_ARGUMENT', 'bytes');
}

writeFileSync(
  new URL('../test/fixtures/weights-files.json', import.meta.url),
  `${JSON.stringify({ generator: 'packages/schemes/scripts/make-weights-fixtures.ts', cases }, null, 2)}\n`,
);
console.log(`wrote ${cases.length} files`);
