// Where a training step's time goes: runs bench/profile-worker.ts under `node --cpu-prof` and
// sums the self time of the profile's samples taken inside `fit` by category (GEMM micro-kernel,
// GEMM packing and copies, GEMM overflow check, im2col, activations, pooling, optimizer, ...).
// The WebAssembly functions of @init/linalg are named from the module's export section.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linalgWasmBase64 } from '../../linalg/src/generated/linalg-wasm';
import { benchFile } from './bench-process';
import type { NetworkKind } from './networks';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function leb(bytes: Uint8Array, at: number): [number, number] {
  let v = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = bytes[i++] as number;
    v |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [v >>> 0, i];
    shift += 7;
  }
}

/** Function index → export name of the GEMM module (it has no imports, so indices start at 0). */
function wasmExportNames(): Map<number, string> {
  const bytes = Uint8Array.from(atob(linalgWasmBase64), (c) => c.charCodeAt(0));
  const names = new Map<number, string>();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at] as number;
    const [size, body] = leb(bytes, at + 1);
    if (id === 7) {
      let [count, p] = leb(bytes, body);
      for (; count > 0; count--) {
        const [len, s] = leb(bytes, p);
        const name = new TextDecoder().decode(bytes.subarray(s, s + len));
        const kind = bytes[s + len] as number;
        const [index, next] = leb(bytes, s + len + 1);
        if (kind === 0) names.set(index, name);
        p = next;
      }
    }
    at = body + size;
  }
  return names;
}

/** The category of a profile frame. */
function category(fn: string, url: string, wasmNames: Map<number, string>): string {
  if (url.startsWith('wasm://')) {
    const name = wasmNames.get(Number(/\[(\d+)\]/.exec(fn)?.[1])) ?? fn;
    if (name.startsWith('macro')) return 'GEMM micro-kernel (wasm SIMD)';
    if (name.startsWith('pack')) return 'GEMM packing (wasm)';
    return `GEMM other wasm (${name})`;
  }
  if (url.includes('/linalg/')) {
    if (fn === 'allFiniteEntries') return 'GEMM overflow check';
    if (fn === 'copyRowsIn' || fn === 'copyRowsOut') return 'GEMM operand copies to/from wasm memory';
    return 'GEMM driver (argument checks, blocking loops)';
  }
  const file = url.split('/').at(-1) ?? '';
  if (fn === 'im2col' || fn === 'col2im') return 'im2col / col2im';
  if (file === 'activation.ts') return 'activations (ReLU forward and backward)';
  if (file === 'optimizer.ts') return 'optimizer (SGD momentum)';
  if (file === 'pool2d.ts') return 'max pooling';
  if (file === 'loss.ts') return 'softmax cross-entropy';
  if (file === 'dense.ts' || file === 'conv2d.ts') return 'bias add and bias gradient';
  if (file === 'fit.ts' || file === 'finite-scan.ts') return 'fit: batch gather, NaN/Inf checks, accuracy';
  if (fn === 'fill' || file === 'model.ts' || file === 'parameter.ts') return 'zeroing gradients';
  if (fn === '(garbage collector)') return 'garbage collector';
  return 'other';
}

/** Milliseconds per category of the samples under `fit`, and the total. */
export function profileSplit(
  kind: NetworkKind,
  steps: number,
): { total: number; parts: Map<string, number> } {
  const dir = mkdtempSync(join(tmpdir(), 'nn-prof-'));
  try {
    execFileSync(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        '--cpu-prof-interval=200',
        '--import',
        'tsx',
        benchFile('profile-worker.ts'),
        kind,
        String(steps),
      ],
      { stdio: 'pipe', timeout: 900_000 },
    );
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error('no .cpuprofile written');
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const underFit = new Map<number, boolean>();
    const inFit = (id: number): boolean => {
      const known = underFit.get(id);
      if (known !== undefined) return known;
      const node = byId.get(id);
      const up = parent.get(id);
      const v =
        node !== undefined &&
        ((node.callFrame.functionName === 'fit' && node.callFrame.url.endsWith('/fit.ts')) ||
          (up !== undefined && inFit(up)));
      underFit.set(id, v);
      return v;
    };
    const names = wasmExportNames();
    const parts = new Map<string, number>();
    let total = 0;
    p.samples.forEach((id, i) => {
      const node = byId.get(id);
      if (node === undefined || !inFit(id)) return;
      const ms = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
      const c = category(node.callFrame.functionName, node.callFrame.url, names);
      parts.set(c, (parts.get(c) ?? 0) + ms);
      total += ms;
    });
    return { total, parts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Markdown table of a split, largest part first: each part's share of the profiled time, and
 * that share of `stepMs` (the step time measured without the profiler).
 */
export function splitTable(split: { total: number; parts: Map<string, number> }, stepMs: number): string {
  const rows = [...split.parts.entries()].sort((a, b) => b[1] - a[1]);
  const lines = ['| part of a step | share | ms / step (share of the unprofiled step) |', '|---|---:|---:|'];
  for (const [name, ms] of rows) {
    const share = ms / split.total;
    lines.push(`| ${name} | ${(100 * share).toFixed(1)}% | ${(share * stepMs).toFixed(3)} |`);
  }
  lines.push(`| whole step (fit) | 100% | ${stepMs.toFixed(3)} |`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile-split.ts')) {
  const kind = (process.argv[2] ?? 'mlp') as NetworkKind;
  const steps = Number(process.argv[3] ?? 300);
  const split = profileSplit(kind, steps);
  console.log(splitTable(split, split.total / steps));
}
