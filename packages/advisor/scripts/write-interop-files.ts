/**
 * Writes the files that scripts/reference/weights_interop.py checks: small GPT-2 and LLaMA checkpoints streamed
 * by materializeToDisk (f32, bf16, f16, and an f32 checkpoint sharded in several files), and the in-memory
 * output of materialize for the same models as one .npy per tensor, plus manifest.json.
 *
 * Uses the built packages (`pnpm --filter @init/advisor... build` first). Run from the repository root:
 * `npx tsx packages/advisor/scripts/write-interop-files.ts OUT_DIR` (scripts/reference/weights_interop.py runs it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { materialize } from '@init/advisor';
import { materializeToDisk } from '@init/advisor/node';
import { encodeNpy } from '@init/schemes';

export const INTEROP_MODELS = {
  gpt2_tiny: { n_layer: 2, n_head: 4, n_embd: 64, vocab_size: 1000, n_positions: 128 },
  llama_tiny: {
    hidden_size: 64,
    intermediate_size: 176,
    num_hidden_layers: 2,
    num_attention_heads: 8,
    num_key_value_heads: 2,
    vocab_size: 1000,
    initializer_range: 0.02,
    tie_word_embeddings: false,
  },
} as const;
export const INTEROP_SEED = 20261202;

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: write-interop-files.ts OUT_DIR');
  const manifest: Record<string, unknown> = {};
  for (const [key, config] of Object.entries(INTEROP_MODELS)) {
    const dir = join(out, key);
    const memory = materialize(config, { seed: INTEROP_SEED });
    mkdirSync(join(dir, 'npy'), { recursive: true });
    memory.tensors.forEach((t, k) => {
      writeFileSync(join(dir, 'npy', `${k}.npy`), encodeNpy({ data: t.data, shape: t.shape }));
    });
    for (const dtype of ['f32', 'bf16', 'f16'] as const) {
      await materializeToDisk(config, { out: join(dir, dtype), seed: INTEROP_SEED, dtype });
    }
    await materializeToDisk(config, {
      out: join(dir, 'f32-sharded'),
      seed: INTEROP_SEED,
      shardSize: 200_000,
      workers: 1,
    });
    manifest[key] = {
      config,
      seed: INTEROP_SEED,
      tensors: memory.tensors.map((t, k) => ({
        name: t.name,
        shape: t.shape,
        init: t.init,
        npy: `npy/${k}.npy`,
      })),
      tied: memory.tied,
    };
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await main();
