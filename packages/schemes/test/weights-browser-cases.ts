import {
  chunkGenerator,
  decodeNpy,
  decodeSafetensors,
  encodeNpy,
  encodeSafetensors,
  float32ToBfloat16,
  float32ToFloat16,
  parameterStream,
  planCheckpoint,
} from '../src/index';

/** FNV-1a over bytes, as 8 hex digits: enough to compare two platforms' outputs. */
function fnv(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Hashes of weights files built from chunked tensors: the same in Node and in Chromium. */
export function weightsFileHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  const shape = [96, 80];
  const gen = chunkGenerator({ name: 'he_uniform' }, shape, parameterStream(5, 'w'));
  const w = new Float32Array(gen.length);
  for (let s = 0; s < w.length; s += 1000) gen.fill(w.subarray(s, Math.min(w.length, s + 1000)), s);
  const file = encodeSafetensors(
    [
      { name: 'f32', shape, data: w },
      { name: 'bf16', shape, dtype: 'BF16', data: float32ToBfloat16(w) },
      { name: 'f16', shape, dtype: 'F16', data: float32ToFloat16(w) },
    ],
    { metadata: { format: 'pt' } },
  );
  out.safetensors = fnv(file);
  const decoded = decodeSafetensors(file).tensors[2];
  if (decoded === undefined) throw new Error('the encoded file lost its third tensor');
  out.decoded = fnv(new Uint8Array((decoded.data as Uint16Array).buffer));
  const npy = encodeNpy({ data: new Float64Array(w), shape });
  out.npy = fnv(npy);
  out.npyDecoded = fnv(new Uint8Array(decodeNpy(npy).data.buffer));
  const plan = planCheckpoint(
    [
      { name: 'a', dtype: 'F32', shape },
      { name: 'b', dtype: 'BF16', shape },
    ],
    { maxShardBytes: 20_000 },
  );
  out.shards = plan.files.map((f) => fnv(f.headerBytes)).join(',');
  return out;
}
