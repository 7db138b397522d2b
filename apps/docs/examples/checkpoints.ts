// The Checkpoints page: a model's initial weights in memory, streamed to disk, then inspected.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// #region memory
import { materialize, modelParameters } from '@init/advisor';

export function inMemory() {
  const gpt2 = { n_layer: 12, n_head: 12, n_embd: 768, vocab_size: 50257, n_positions: 1024 };
  const tensors = modelParameters(gpt2).parameters.length; // every stored tensor of GPT-2 small
  const tiny = materialize(
    { n_layer: 2, n_head: 2, n_embd: 64, vocab_size: 1000, n_positions: 128 },
    { seed: 42 },
  );
  return { tensors, first: tiny.tensors[0]?.name, count: tiny.tensors.length };
}

// #endregion memory

// #region disk
import { materializeToDisk } from '@init/advisor/node';

export async function toDisk(out: string) {
  const config = { n_layer: 2, n_head: 2, n_embd: 64, vocab_size: 1000, n_positions: 128 };
  // Two shards by size; `shard: { index, count }` would write one of them (one machine of many).
  const result = await materializeToDisk(config, { out, seed: 42, dtype: 'bf16', shardSize: 100_000 });
  return result.files.map((f) => f.file);
}
// #endregion disk

/** Runs the disk example in a temporary directory and lists what it wrote. */
export async function diskExample(): Promise<{ files: string[]; listing: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'init-docs-'));
  try {
    const files = await toDisk(dir);
    return { files, listing: readdirSync(dir).sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
