import { readFile, stat } from 'node:fs/promises';
import { materializeToDisk } from '@init/advisor/node';
import cliProgress from 'cli-progress';
import { type FlagSpec, parseArgs } from './cli-args';
import { errorLine, printableLines } from './cli-format';
import { MAX_JSON_BYTES, parseUntrustedJson } from './cli-json';
import type { CliResult } from './cli-run';
import { formatBytes, parseByteSize } from './cli-size';
import { AdvisorError } from './errors';
import type { ModelSource } from './model-source';

/** Where the materialize command reports progress, and whether it is a terminal. */
export interface CliStreams {
  readonly stderr: { isTTY?: boolean; write(text: string): unknown };
  /** Called with an abort function the caller wires to SIGINT. */
  readonly onInterrupt?: (abort: () => void) => void;
}

export const MATERIALIZE_USAGE =
  'init-advisor materialize <model.json|config.json> --out DIR [--seed S] [--dtype f32|bf16|f16|f64] [--shard-size 2GB] [--workers N] [--shard i/N] [--quiet] [--json]';

const FLAGS: FlagSpec[] = [
  { name: 'out', kind: 'string', help: 'output directory (required)' },
  { name: 'seed', kind: 'string', help: 'model seed: a non-negative integer or a string (default 0)' },
  { name: 'dtype', kind: 'string', help: 'f32 (default), bf16, f16 or f64' },
  {
    name: 'shard-size',
    kind: 'string',
    help: 'largest tensor data per file, e.g. 2GB (default), 500MB, 1GiB',
  },
  { name: 'workers', kind: 'integer', help: 'worker threads generating chunks (default 0)' },
  { name: 'shard', kind: 'string', help: 'write only shard i of N (1-based), e.g. 2/8' },
  { name: 'quiet', kind: 'boolean', help: 'no progress bar' },
  { name: 'json', kind: 'boolean', help: 'machine-readable summary' },
  { name: 'help', kind: 'boolean', help: 'show help for this command' },
];

function help(): string {
  return `stream a model's initial weights to .safetensors files (any size, bounded memory)\n\nUsage: ${MATERIALIZE_USAGE}\n\nOptions:\n${FLAGS.map((f) => `  --${f.name}${f.kind === 'boolean' ? '' : ` <${f.kind === 'string' ? 'value' : f.kind}>`}  ${f.help}`).join('\n')}\n\nThe input is a model description or plan (init-advisor plan --json), a list of { name, shape, init }, or a Hugging Face GPT-2 / LLaMA config.json.\n`;
}

async function readModel(path: string): Promise<unknown> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      path.slice(0, 200),
      'cannot read the model file (does it exist?)',
    );
  }
  if (size > MAX_JSON_BYTES * 16)
    throw new AdvisorError(
      'TOO_LARGE',
      path.slice(0, 200),
      `file is ${size} bytes; at most ${MAX_JSON_BYTES * 16}`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch {
    throw new AdvisorError('INVALID_ARGUMENT', path.slice(0, 200), 'the file is not valid UTF-8 text');
  }
  return parseUntrustedJson(text, path.slice(0, 200));
}

function seedOf(text: string | undefined): number | string {
  if (text === undefined) return 0;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (text.length === 0 || text.length > 1000)
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      '--seed',
      'expected a non-negative integer or a string of 1 to 1000 characters',
    );
  return text;
}

function shardOf(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || index > count) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      '--shard',
      `expected i/N with 1 <= i <= N, e.g. 2/8; got '${text.slice(0, 40)}'`,
    );
  }
  return { index, count };
}

/**
 * Runs `init-advisor materialize`: parses arguments, streams the checkpoint, prints a summary.
 *
 * @param argv - the arguments after `materialize`
 * @param streams - stderr for the progress bar (shown only on a TTY, never with --quiet or --json) and SIGINT wiring
 * @returns exit code 0 (done), 2 (bad input, the argument named), 1 (a write failed: what is left and how to resume)
 * @example
 * ```js
 * (await runMaterializeCli(['gpt2.json', '--out', 'ckpt', '--dtype', 'bf16'], { stderr: process.stderr })).code; // => 0
 * ```
 */
export async function runMaterializeCli(argv: readonly string[], streams: CliStreams): Promise<CliResult> {
  const json = argv.includes('--json');
  try {
    const args = parseArgs(argv, FLAGS, 'materialize');
    if (args.flags.get('help') === true) return { code: 0, stdout: help(), stderr: '' };
    if (args.positionals.length !== 1) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        'materialize',
        `expected 1 argument (the model file), got ${args.positionals.length}. Usage: ${MATERIALIZE_USAGE}`,
      );
    }
    const out = args.flags.get('out');
    if (typeof out !== 'string' || out.length === 0)
      throw new AdvisorError('INVALID_ARGUMENT', '--out', 'is required: the output directory');
    const dtypeText = (args.flags.get('dtype') as string | undefined) ?? 'f32';
    if (!['f32', 'bf16', 'f16', 'f64'].includes(dtypeText)) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        '--dtype',
        `expected f32, bf16, f16 or f64, got '${dtypeText.slice(0, 40)}'`,
      );
    }
    const dtype = dtypeText as 'f32' | 'bf16' | 'f16' | 'f64';
    const shardSizeText = args.flags.get('shard-size') as string | undefined;
    const shardSize = shardSizeText === undefined ? 2e9 : parseByteSize(shardSizeText, '--shard-size');
    const workers = (args.flags.get('workers') as number | undefined) ?? 0;
    if (workers < 0 || workers > 255)
      throw new AdvisorError('INVALID_ARGUMENT', '--workers', 'expected an integer in [0, 255]');
    const shard = shardOf(args.flags.get('shard') as string | undefined);
    const seed = seedOf(args.flags.get('seed') as string | undefined);
    const model = (await readModel(args.positionals[0] as string)) as ModelSource;
    const quiet = args.flags.get('quiet') === true || json || streams.stderr.isTTY !== true;
    const controller = new AbortController();
    streams.onInterrupt?.(() => controller.abort());
    let bar: cliProgress.SingleBar | undefined;
    const started = performance.now();
    const result = await materializeToDisk(model, {
      out,
      seed,
      dtype,
      shardSize,
      workers,
      ...(shard ? { shard } : {}),
      signal: controller.signal,
      onProgress: quiet
        ? undefined
        : (p) => {
            if (!bar) {
              bar = new cliProgress.SingleBar(
                {
                  stream: streams.stderr as NodeJS.WritableStream,
                  format: ' {bar} {percentage}% | {done} of {size} | {rate}/s | ETA {eta_formatted}',
                  hideCursor: true,
                },
                cliProgress.Presets.shades_classic,
              );
              bar.start(p.bytesTotal, 0, { done: '0 B', size: formatBytes(p.bytesTotal), rate: '0 B' });
            }
            const seconds = (performance.now() - started) / 1000;
            bar.update(p.bytesDone, {
              done: formatBytes(p.bytesDone),
              size: formatBytes(p.bytesTotal),
              rate: formatBytes(seconds > 0 ? Math.round(p.bytesDone / seconds) : 0),
            });
          },
    }).finally(() => bar?.stop());
    const bytes = result.files.reduce((a, f) => a + f.size, 0);
    const gbps = result.seconds > 0 ? result.bytesWritten / 1e9 / result.seconds : 0;
    if (json) {
      return {
        code: 0,
        stdout: `${JSON.stringify({ command: 'materialize', result: { ...result, out, bytes, gbPerSecond: gbps } }, null, 2)}\n`,
        stderr: '',
      };
    }
    const written = result.files.filter((f) => f.status === 'written').length;
    const lines = [
      `parameters  ${result.parameters.toLocaleString('en-US')}`,
      `bytes       ${bytes.toLocaleString('en-US')} (${formatBytes(bytes)})`,
      `files       ${result.files.length} (${written} written, ${result.files.length - written} complete and verified, skipped)${shard ? `: shard ${shard.index} of ${shard.count}` : ''}`,
      `seconds     ${result.seconds.toFixed(2)}`,
      `GB/s        ${gbps.toFixed(3)}`,
      '',
      ...result.files.map(
        (f) => `  ${f.status === 'written' ? 'wrote  ' : 'skipped'} ${f.file} (${formatBytes(f.size)})`,
      ),
      ...result.tied.map((t) => `  tied    ${t.name} = ${t.to} (not stored)`),
    ];
    return { code: 0, stdout: printableLines(`${lines.join('\n')}\n`), stderr: '' };
  } catch (e) {
    if (e instanceof Error && e.name === 'AdvisorError') {
      const { code, argument } = e as AdvisorError;
      const failedWrite = (e as { cause?: unknown }).cause !== undefined;
      const stderr = json
        ? `${JSON.stringify({ error: { code, argument: errorLine(argument), message: errorLine(e.message) } })}\n`
        : `init-advisor: ${failedWrite ? '' : 'error: '}${errorLine(e.message)}\n`;
      return { code: failedWrite ? 1 : 2, stdout: '', stderr };
    }
    const message = e instanceof Error ? e.message : String(e);
    return {
      code: 1,
      stdout: '',
      stderr: `init-advisor: internal error: ${errorLine(message.slice(0, 500))}\n`,
    };
  }
}
