import { type ModelLayer, plan } from '@init/advisor';
import { createRng, type Rng, type Seed, toRng } from '@init/rng';
import { fromConfig, type Initializer, type SchemeConfig } from '@init/schemes';
import { Activation } from './activation';
import { describeValue, NnError } from './errors';
import type { Layer, Parameter, ParameterRole } from './layer';
import { checkOptions, isRecord, rawOption } from './options';
import { Residual } from './residual';

/**
 * What to initialize the weights with: an `@init/schemes` initializer, a registry config
 * (`{ name: 'he_normal', mode: 'fan_in' }` or a bare name such as `'xavier_uniform'`), or `'auto'`
 * (ask `@init/advisor`'s `plan` for every parameter).
 */
export type InitSpec = Initializer | SchemeConfig | string;

/** Why one parameter got its initial values. */
export interface InitRecord {
  /** Parameter name (`blocks.3.conv1.weight`). */
  readonly name: string;
  readonly shape: readonly number[];
  /** The scheme's full config, as `fromConfig` accepts it. */
  readonly scheme: SchemeConfig;
  /** `'auto'` (advisor plan), `'given'` (the initializer passed in), `'role'` (default for its role), `'zero_init'` (a residual block's zero-init). */
  readonly source: 'auto' | 'given' | 'role' | 'zero_init';
  /** Advisor rule id (auto only). */
  readonly rule?: string;
  /** One-sentence reason. */
  readonly reason: string;
}

/** Options of {@link initialize}. */
export interface InitializeOptions {
  /**
   * Root stream (an `Rng` or a seed). Parameter `p` draws from `rng.fork(p.name)`, so its values
   * depend only on the seed and its name. Default seed 0.
   */
  rng?: Rng | Seed;
  /**
   * For `'auto'`: the whole model the layer belongs to, so the advisor sees the full network
   * (depth, output layer, residual branches). Default: the layer itself.
   */
  context?: Layer;
}

const ROLE_DEFAULTS: Record<ParameterRole, { scheme: SchemeConfig; reason: string }> = {
  weight: { scheme: { name: 'he_normal' }, reason: '' },
  embedding: { scheme: { name: 'normal', mean: 0, std: 1 }, reason: 'embedding rows N(0, 1), as PyTorch' },
  bias: { scheme: { name: 'zeros' }, reason: 'biases start at 0' },
  scale: { scheme: { name: 'ones' }, reason: 'normalization gains start at 1' },
  shift: { scheme: { name: 'zeros' }, reason: 'normalization shifts start at 0' },
  gate: { scheme: { name: 'zeros' }, reason: 'residual gates start at 0 (ReZero / SkipInit)' },
};

function toInitializer(spec: unknown): Initializer {
  if (typeof spec === 'function' && typeof (spec as Partial<Initializer>).fill === 'function')
    return spec as Initializer;
  if (typeof spec === 'string' || isRecord(spec)) {
    try {
      return fromConfig(spec as SchemeConfig);
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      throw new NnError('INVALID_ARGUMENT', 'init', `not a usable scheme: ${m}`);
    }
  }
  throw new NnError(
    'INVALID_ARGUMENT',
    'init',
    `must be an initializer, a scheme config, a scheme name or 'auto', got ${describeValue(spec)}`,
  );
}

function fill(init: Initializer, p: Parameter, root: Rng): void {
  try {
    init.fill(p.value, p.shape, root.fork(p.name));
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw new NnError('INVALID_ARGUMENT', 'init', `${p.name} [${p.shape.join(', ')}]: ${m}`);
  }
  for (let i = 0; i < p.value.length; i++) {
    if (!Number.isFinite(p.value[i] as number))
      throw new NnError('NOT_FINITE', 'init', `${p.name}: the scheme produced a non-finite value`);
  }
}

/** Advisor name of a layer whose path is empty (a lone layer built with path ''). */
const ROOT_NAME = '__root__';

/** Walks the tree in forward order, with the residual branch each leaf sits in. */
function leavesWithBranch(layer: Layer): { layer: Layer; branch: string | undefined }[] {
  const out: { layer: Layer; branch: string | undefined }[] = [];
  const walk = (l: Layer, branch: string | undefined) => {
    if (l instanceof Residual) {
      walk(l.body, l.path);
      if (l.shortcut !== undefined) walk(l.shortcut, branch);
      out.push({ layer: l, branch });
      return;
    }
    const c = l.children();
    if (c.length === 0) out.push({ layer: l, branch });
    else for (const k of c) walk(k, branch);
  };
  walk(layer, undefined);
  return out;
}

/**
 * The network as `@init/advisor` describes models: every layer with weights the advisor knows, its
 * activation (the next activation layer before the next weight layer, else linear) and residual
 * branch.
 *
 * @example
 * ```ts
 * advisorModel(mlp); // => [{ name: '0', kind: 'dense', shape: [16, 2], activation: 'relu', bias: true }, ...]
 * ```
 */
export function advisorModel(root: Layer): ModelLayer[] {
  const leaves = leavesWithBranch(root);
  const out: ModelLayer[] = [];
  leaves.forEach(({ layer, branch }, i) => {
    const info = layer.advisorLayer();
    if (info === undefined) return;
    let activation: ModelLayer['activation'] = 'linear';
    if (info.kind !== 'batch_norm' && info.kind !== 'layer_norm') {
      for (let j = i + 1; j < leaves.length; j++) {
        const next = (leaves[j] as { layer: Layer }).layer;
        if (next instanceof Activation) {
          activation =
            next.kind === 'leaky_relu'
              ? { name: 'leaky_relu', slope: next.slope }
              : next.kind === 'elu'
                ? { name: 'elu', alpha: next.alpha }
                : next.kind;
          break;
        }
        const ni = next.advisorLayer();
        if (ni !== undefined && ni.kind !== 'batch_norm' && ni.kind !== 'layer_norm') break;
        if (next instanceof Residual) break;
      }
    }
    // A recurrent layer applies its own nonlinearity (SimpleRNN's relu or tanh) to the state.
    const own = (info as { activation?: ModelLayer['activation'] }).activation;
    if ((info.kind === 'rnn' || info.kind === 'lstm' || info.kind === 'gru') && own !== undefined)
      activation = own;
    const entry: ModelLayer = {
      name: layer.path === '' ? ROOT_NAME : layer.path,
      kind: info.kind,
      shape: [...info.shape],
      bias: info.bias,
      ...(info.kind === 'batch_norm' || info.kind === 'layer_norm' ? {} : { activation }),
      ...(branch === undefined ? {} : { branch }),
    };
    out.push(entry);
  });
  return out;
}

function autoPlan(context: Layer): Map<string, { scheme: SchemeConfig; rule: string; reason: string }> {
  const layers = advisorModel(context);
  const byName = new Map<string, { scheme: SchemeConfig; rule: string; reason: string }>();
  if (layers.length === 0) return byName;
  let result: ReturnType<typeof plan>;
  try {
    result = plan({ layers });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw new NnError('UNSUPPORTED', 'init', `the advisor cannot plan this model: ${m}`);
  }
  for (const p of result.parameters) {
    byName.set(p.layer === ROOT_NAME ? p.parameter : `${p.layer}.${p.parameter}`, {
      scheme: p.scheme as SchemeConfig,
      rule: p.rule,
      reason: p.reason,
    });
  }
  return byName;
}

/**
 * Initializes every parameter of `layer` (and its children) in place and says why each got its
 * values.
 *
 * - Given an initializer or a config, weights (`role 'weight'`, conv and recurrent kernels) get
 *   it; embeddings, biases, normalization gains and shifts and gates get their role defaults
 *   (N(0, 1), zeros, ones, zeros, zeros).
 * - `'auto'` asks `@init/advisor`'s `plan` for the model (`options.context`, default `layer`) and
 *   uses its scheme for every parameter it covers, recording the rule and reason.
 * - A {@link Residual} built with `zeroInit` zeroes its branch's last weight or gain afterwards.
 *
 * ```math
 * \theta_p \sim \text{scheme}_p(\text{shape}_p) \text{ drawn from } \text{rng.fork}(p.\text{name})
 * ```
 *
 * Because each parameter draws from a stream forked by its own name, adding, removing or
 * reordering other layers never changes a parameter's initial values.
 *
 * @param layer - A built layer.
 * @param spec - An initializer, a config, a scheme name, or `'auto'`.
 * @param options - `rng` (default seed 0), `context` (the whole model, for `'auto'`).
 * @returns One record per parameter, in parameter order.
 * @throws {NnError} `INVALID_STATE` for an unbuilt layer; `INVALID_ARGUMENT` for a bad spec or a
 *   scheme that rejects a parameter's shape (the parameter is named); `UNSUPPORTED` when the
 *   advisor cannot plan the model.
 * @example
 * ```ts
 * const fc = new Dense({ units: 4 });
 * fc.build([3], 'fc');
 * initialize(fc, 'xavier_uniform', { rng: 1 }).map((r) => `${r.name}: ${r.scheme.name}`);
 * // => ['fc.weight: xavier_uniform', 'fc.bias: zeros']
 * ```
 */
export function initialize(layer: Layer, spec: InitSpec, options: InitializeOptions = {}): InitRecord[] {
  if (!isRecord(layer) || typeof (layer as Partial<Layer>).parameters !== 'function') {
    throw new NnError('INVALID_ARGUMENT', 'layer', 'must be a layer');
  }
  if (!layer.built)
    throw new NnError('INVALID_STATE', 'layer', 'build the layer (or its model) before initializing it');
  const o = checkOptions(options, ['rng', 'context'], 'options');
  const rng = rawOption(o, 'rng') as Rng | Seed | undefined;
  const context = rawOption(o, 'context') as Layer | undefined;
  if (
    context !== undefined &&
    (!isRecord(context) || typeof (context as Partial<Layer>).parameters !== 'function')
  ) {
    throw new NnError('INVALID_ARGUMENT', 'context', 'must be a layer');
  }
  let root: Rng;
  try {
    root = rng === undefined ? createRng(0) : toRng(rng);
  } catch (e) {
    throw new NnError('INVALID_ARGUMENT', 'rng', e instanceof Error ? e.message : String(e));
  }
  const auto = spec === 'auto';
  const given = auto ? undefined : toInitializer(spec);
  const planned = auto ? autoPlan(context ?? layer) : undefined;
  const records: InitRecord[] = [];
  for (const p of layer.parameters()) {
    const fromPlan = planned?.get(p.name);
    let init: Initializer;
    let record: InitRecord;
    if (fromPlan !== undefined) {
      init = toInitializer(fromPlan.scheme);
      record = {
        name: p.name,
        shape: p.shape,
        scheme: init.config,
        source: 'auto',
        rule: fromPlan.rule,
        reason: fromPlan.reason,
      };
    } else if (given !== undefined && p.role === 'weight') {
      init = given;
      record = {
        name: p.name,
        shape: p.shape,
        scheme: init.config,
        source: 'given',
        reason: 'the initializer given for weights',
      };
    } else {
      const d = ROLE_DEFAULTS[p.role];
      const scheme = p.role === 'weight' ? { name: 'he_normal' } : d.scheme;
      init = toInitializer(scheme);
      const reason = p.role === 'weight' ? 'not covered by the advisor plan: He normal (fan_in)' : d.reason;
      record = { name: p.name, shape: p.shape, scheme: init.config, source: 'role', reason };
    }
    fill(init, p, root);
    records.push(record);
  }
  const walk = (l: Layer) => {
    if (l instanceof Residual) {
      const target = l.zeroInitTarget();
      if (target !== undefined) {
        target.value.fill(0);
        const i = records.findIndex((r) => r.name === target.name);
        if (i >= 0) {
          records[i] = {
            name: target.name,
            shape: target.shape,
            scheme: { name: 'zeros' },
            source: 'zero_init',
            reason: `zero-init residual branch of ${l.path || 'the block'}: the block starts as the identity`,
          };
        }
      }
    }
    for (const c of l.children()) walk(c);
  };
  walk(layer);
  return records;
}

function schemeText(config: SchemeConfig): string {
  const args = Object.entries(config)
    .filter(([k, v]) => k !== 'name' && !(k === 'multiplier' && v === 1))
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(6)) : JSON.stringify(v)}`);
  return args.length === 0 ? config.name : `${config.name}(${args.join(', ')})`;
}

/**
 * Formats init records as an aligned text table: parameter, shape, scheme, source and reason.
 *
 * @example
 * ```ts
 * formatInitRecords(records);
 * // parameter  shape   scheme                                                source  why
 * // 0.weight   [16,2]  he_normal(mode="fan_in", nonlinearity="relu", slope=0)  auto    relu-he: He init, ...
 * ```
 */
export function formatInitRecords(records: readonly InitRecord[]): string {
  const rows = records.map((r) => [
    r.name,
    `[${r.shape.join(',')}]`,
    schemeText(r.scheme),
    r.source,
    r.rule === undefined ? r.reason : `${r.rule}: ${r.reason}`,
  ]);
  const head = ['parameter', 'shape', 'scheme', 'source', 'why'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
