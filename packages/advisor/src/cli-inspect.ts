import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bfloat16ToFloat32, float16ToFloat32 } from '@init/schemes';
import { openNpyFile, openSafetensorsFile } from '@init/schemes/node';
import { type FlagSpec, parseArgs } from './cli-args';
import { errorLine, printableLines, table } from './cli-format';
import { parseUntrustedJson } from './cli-json';
import type { CliResult } from './cli-run';
import { AdvisorError } from './errors';
import { matchScheme, StatisticsAccumulator, type TensorStatistics } from './tensor-statistics';

export const INSPECT_USAGE =
  'init-advisor inspect <file.safetensors|model.safetensors.index.json|file.npy> [--json]';

const FLAGS: FlagSpec[] = [
  { name: 'json', kind: 'boolean', help: 'machine-readable output' },
  { name: 'help', kind: 'boolean', help: 'show help for this command' },
];

/** One inspected tensor. */
export interface InspectedTensor extends TensorStatistics {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly file: string;
  /** The scheme whose scale the values match. */
  readonly match: string;
}

const CHUNK = 1 << 20;

function widen(
  values: Float32Array | Float64Array | Uint16Array,
  dtype: string,
): Float32Array | Float64Array {
  if (values instanceof Uint16Array)
    return dtype === 'BF16' ? bfloat16ToFloat32(values) : float16ToFloat32(values);
  return values;
}

async function inspectSafetensors(path: string, label: string): Promise<InspectedTensor[]> {
  const file = await openSafetensorsFile(path);
  try {
    const out: InspectedTensor[] = [];
    for (const t of file.header.tensors) {
      const acc = new StatisticsAccumulator();
      const n = t.shape.reduce((a, b) => a * b, 1);
      for (let start = 0; start < n; start += CHUNK)
        acc.add(widen(await file.read(t.name, start, Math.min(CHUNK, n - start)), t.dtype));
      const s = acc.result();
      out.push({
        name: t.name,
        shape: t.shape,
        dtype: t.dtype,
        file: label,
        ...s,
        match: matchScheme(t.shape, s),
      });
    }
    return out;
  } finally {
    await file.close();
  }
}

async function inspectNpy(path: string, label: string): Promise<InspectedTensor[]> {
  const file = await openNpyFile(path);
  try {
    const acc = new StatisticsAccumulator();
    const n = file.header.dataBytes / (file.header.dtype === 'float32' ? 4 : 8);
    for (let start = 0; start < n; start += CHUNK)
      acc.add(await file.read(start, Math.min(CHUNK, n - start)));
    const s = acc.result();
    const dtype = file.header.dtype === 'float32' ? '<f4' : '<f8';
    return [
      {
        name: label,
        shape: file.header.shape,
        dtype,
        file: label,
        ...s,
        match: matchScheme(file.header.shape, s),
      },
    ];
  } finally {
    await file.close();
  }
}

async function inspectIndex(path: string): Promise<InspectedTensor[]> {
  const st = await stat(path);
  if (st.size > 64 * 1024 * 1024)
    throw new AdvisorError('TOO_LARGE', path.slice(0, 200), 'the index is over 64 MB');
  const index = parseUntrustedJson(await readFile(path, 'utf8'), path.slice(0, 200)) as {
    weight_map?: unknown;
  };
  const map = index.weight_map;
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${path.slice(0, 200)}.weight_map`,
      'the index needs a weight_map of tensor name to file',
    );
  }
  const files = [...new Set(Object.values(map as Record<string, unknown>))];
  const out: InspectedTensor[] = [];
  for (const f of files) {
    if (typeof f !== 'string' || f.includes('/') || f.includes('\\') || f.startsWith('.')) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        `${path.slice(0, 200)}.weight_map`,
        `names a file that is not in the index's directory: ${JSON.stringify(String(f).slice(0, 80))}`,
      );
    }
    out.push(...(await inspectSafetensors(join(dirname(path), f), f)));
  }
  return out;
}

const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

/**
 * Runs `init-advisor inspect`: per tensor of a `.safetensors` file, a sharded checkpoint's index or a `.npy` file,
 * its name, shape, dtype, mean, std, min, max, fraction of zeros and the scheme whose scale it matches, reading
 * the data in chunks of 2^20 values.
 *
 * @param argv - the arguments after `inspect`
 * @returns exit code 0, or 2 for a missing or corrupt file (the reader's check named)
 * @example
 * ```js
 * (await runInspectCli(['ckpt/model.safetensors', '--json'])).code; // => 0
 * ```
 */
export async function runInspectCli(argv: readonly string[]): Promise<CliResult> {
  const json = argv.includes('--json');
  try {
    const args = parseArgs(argv, FLAGS, 'inspect');
    if (args.flags.get('help') === true) {
      return {
        code: 0,
        stdout: `per-tensor statistics of a weights file, and the initialization they match\n\nUsage: ${INSPECT_USAGE}\n`,
        stderr: '',
      };
    }
    if (args.positionals.length !== 1) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        'inspect',
        `expected 1 argument (the file), got ${args.positionals.length}. Usage: ${INSPECT_USAGE}`,
      );
    }
    const path = args.positionals[0] as string;
    const label = path.split(/[\\/]/).pop() ?? path;
    let tensors: InspectedTensor[];
    try {
      tensors = path.endsWith('.json')
        ? await inspectIndex(path)
        : path.endsWith('.npy')
          ? await inspectNpy(path, label)
          : await inspectSafetensors(path, label);
    } catch (e) {
      if (e instanceof Error && e.name === 'InitError') {
        const { code, argument } = e as Error & { code: string; argument: string };
        throw new AdvisorError(
          code === 'UNSUPPORTED' ? 'UNSUPPORTED' : 'INVALID_ARGUMENT',
          `${label}: ${argument}`,
          e.message,
        );
      }
      if ((e as { code?: string }).code === 'ENOENT')
        throw new AdvisorError('INVALID_ARGUMENT', path.slice(0, 200), 'no such file');
      throw e;
    }
    if (json)
      return {
        code: 0,
        stdout: `${JSON.stringify({ command: 'inspect', result: { file: path, tensors } }, null, 2)}\n`,
        stderr: '',
      };
    const rows = tensors.map((t) => [
      t.name,
      `[${t.shape.join(', ')}]`,
      t.dtype,
      fmt(t.mean),
      fmt(t.std),
      fmt(t.min),
      fmt(t.max),
      fmt(t.zeros),
      t.match,
    ]);
    const total = tensors.reduce((a, t) => a + t.count + t.nonFinite, 0);
    const text = `${table(['name', 'shape', 'dtype', 'mean', 'std', 'min', 'max', 'zeros', 'matches'], rows, 160)}\n\n${tensors.length} tensors, ${total.toLocaleString('en-US')} values${tensors.some((t) => t.nonFinite > 0) ? ' (some NaN or infinite: see --json nonFinite)' : ''}\n`;
    return { code: 0, stdout: printableLines(text), stderr: '' };
  } catch (e) {
    if (e instanceof Error && e.name === 'AdvisorError') {
      const { code, argument } = e as AdvisorError;
      const stderr = json
        ? `${JSON.stringify({ error: { code, argument: errorLine(argument), message: errorLine(e.message) } })}\n`
        : `init-advisor: error: ${errorLine(e.message)}\n`;
      return { code: 2, stdout: '', stderr };
    }
    const message = e instanceof Error ? e.message : String(e);
    return {
      code: 1,
      stdout: '',
      stderr: `init-advisor: internal error: ${errorLine(message.slice(0, 500))}\n`,
    };
  }
}
