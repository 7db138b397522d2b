import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineLoader } from 'vitepress';
import { type CliCommand, cliCommands, runCli } from '../../src/cli-docs';

/** The CLI page's data: every command's help, and real outputs of a few calls, taken at build time. */
export interface CliData {
  readonly version: string;
  readonly overview: string;
  readonly commands: CliCommand[];
  readonly samples: { readonly args: string; readonly output: string }[];
  /** `materialize` then `inspect` of a tiny GPT-2 config, run in a temporary directory. */
  readonly checkpoint: { readonly config: string; readonly materialize: string; readonly inspect: string };
}

/** The tiny GPT-2 config the checkpoint sample writes and inspects. */
export const TINY_GPT2 = { n_layer: 2, n_head: 2, n_embd: 64, vocab_size: 1000, n_positions: 128 };

function checkpointSample(): CliData['checkpoint'] {
  const dir = mkdtempSync(join(tmpdir(), 'init-docs-cli-'));
  try {
    const config = `${JSON.stringify(TINY_GPT2, null, 2)}\n`;
    writeFileSync(join(dir, 'config.json'), config);
    const materialize = runCli(
      ['materialize', 'config.json', '--out', 'ckpt', '--seed', '42', '--dtype', 'bf16', '--quiet'],
      dir,
    );
    const inspect = runCli(['inspect', 'ckpt/model.safetensors'], dir);
    return {
      config,
      materialize: materialize
        .trimEnd()
        .replace(/seconds .*\n/, '')
        .replace(/GB\/s .*\n/, ''),
      inspect: inspect.trimEnd(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

declare const data: CliData;

export { data };

/** Calls whose output the page shows (run at build time, so the page cannot drift from the CLI). */
export const SAMPLE_CALLS: readonly (readonly string[])[] = [
  ['recommend', '--activation', 'relu', '--arch', 'cnn', '--depth', '50'],
  ['recommend', '--preset', 'chatbot_memory'],
  ['gain', 'gelu', 'relu', 'tanh', 'selu'],
  ['propagate', '--activation', 'tanh', '--scheme', 'xavier_normal', '--depth', '100'],
  ['critical', 'tanh', '--sigma-b', '0.2236'],
  ['explain', 'orthogonal'],
];

export default defineLoader({
  load(): CliData {
    return {
      version: runCli(['--version']).trim(),
      overview: runCli(['--help']).trimEnd(),
      commands: cliCommands(),
      samples: SAMPLE_CALLS.map((args) => ({ args: args.join(' '), output: runCli(args).trimEnd() })),
      checkpoint: checkpointSample(),
    };
  },
});
