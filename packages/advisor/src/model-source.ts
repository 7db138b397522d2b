import { fromConfig, InitError } from '@init/schemes';
import type { SchemeConfig } from './context';
import { AdvisorError } from './errors';
import { type Gpt2Config, gpt2Parameters } from './gpt2-model';
import { type LlamaConfig, llamaParameters } from './llama-model';
import {
  MAX_MODEL_DIM,
  MAX_MODEL_ELEMENTS,
  type ModelParameters,
  type ParameterInput,
  type ParameterSpec,
} from './model-parameters';
import { type ModelDescription, type ModelPlan, plan } from './plan';

/**
 * What `materialize` accepts: the advisor's `plan` output (or the CLI's `plan --json` envelope), a model
 * description for `plan`, a plain list of `{ name, shape, init }`, a GPT-2 config or a LLaMA config.
 */
export type ModelSource =
  | ModelPlan
  | { readonly command: 'plan'; readonly result: ModelPlan }
  | ModelDescription
  | readonly ParameterInput[]
  | { readonly parameters: readonly ParameterInput[] }
  | Gpt2Config
  | LlamaConfig;

const MAX_PARAMETERS = 1_000_000;
const SPEC_KEYS = ['name', 'shape', 'init', 'layout', 'paddingRow'];
const MAX_NAME = 1000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rethrows an InitError of @init/schemes as an AdvisorError under `argument`. */
function rethrow(e: unknown, argument: string): never {
  if (e instanceof InitError) {
    const code =
      e.code === 'SHAPE_MISMATCH' || e.code === 'NOT_FINITE' || e.code === 'UNSUPPORTED'
        ? e.code
        : 'INVALID_ARGUMENT';
    const prefix = `${e.argument}: `;
    throw new AdvisorError(
      code,
      `${argument}.${e.argument}`,
      e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message,
    );
  }
  throw e;
}

function checkSpec(raw: unknown, k: number, seen: Set<string>): ParameterSpec {
  const arg = `parameters[${k}]`;
  if (!isRecord(raw)) throw new AdvisorError('INVALID_ARGUMENT', arg, 'must be { name, shape, init }');
  for (const key of Object.keys(raw)) {
    if (!SPEC_KEYS.includes(key)) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        `${arg}.${key.slice(0, 60)}`,
        `unknown key; allowed: ${SPEC_KEYS.join(', ')}`,
      );
    }
  }
  const { name, shape, init, layout, paddingRow } = raw;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME || name === '__metadata__') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.name`,
      `must be a non-empty string of at most ${MAX_NAME} characters`,
    );
  }
  if (seen.has(name))
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.name`,
      `${JSON.stringify(name.slice(0, 80))} appears twice`,
    );
  seen.add(name);
  if (!Array.isArray(shape) || shape.length > 8) {
    throw new AdvisorError('SHAPE_MISMATCH', `${arg}.shape`, 'must be an array of at most 8 dimensions');
  }
  shape.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new AdvisorError(
        'SHAPE_MISMATCH',
        `${arg}.shape`,
        `dimension ${i} must be a non-negative integer`,
      );
    }
    if (d > MAX_MODEL_DIM)
      throw new AdvisorError('TOO_LARGE', `${arg}.shape`, `dimension ${i} is ${d}; at most ${MAX_MODEL_DIM}`);
  });
  if (layout !== undefined && layout !== 'torch' && layout !== 'keras') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.layout`,
      "must be 'torch' ([out, in]) or 'keras' ([in, out])",
    );
  }
  checkPaddingRow(paddingRow, shape as number[], `${arg}.paddingRow`);
  const config: SchemeConfig = typeof init === 'string' ? { name: init } : (init as SchemeConfig);
  if (!isRecord(config) || typeof config.name !== 'string') {
    throw new AdvisorError('INVALID_ARGUMENT', `${arg}.init`, 'must be a scheme name or { name, ...params }');
  }
  try {
    fromConfig(config).describe(shape as number[], layout === undefined ? {} : { layout });
  } catch (e) {
    rethrow(e, `${arg}.init`);
  }
  return {
    name,
    shape: [...(shape as number[])],
    init: config,
    ...(layout !== undefined ? { layout } : {}),
    ...(paddingRow !== undefined ? { paddingRow: paddingRow as number } : {}),
  };
}

/** A padding row is absent, or an integer index into the first dimension of `shape`. */
function checkPaddingRow(row: unknown, shape: readonly number[], argument: string): void {
  if (row === undefined) return;
  const rows = shape[0];
  if (rows === undefined)
    throw new AdvisorError('SHAPE_MISMATCH', argument, 'needs a tensor of at least one dimension');
  if (typeof row !== 'number' || !Number.isSafeInteger(row) || row < 0 || row >= rows) {
    throw new AdvisorError('INVALID_ARGUMENT', argument, `must be an integer in [0, ${rows})`);
  }
}

function fromList(
  list: readonly unknown[],
  source: 'list' | 'plan' | 'model',
  notes: string[],
): ModelParameters {
  if (list.length > MAX_PARAMETERS)
    throw new AdvisorError(
      'TOO_LARGE',
      'parameters',
      `has ${list.length} entries; at most ${MAX_PARAMETERS}`,
    );
  const seen = new Set<string>();
  const parameters = list.map((raw, k) => checkSpec(raw, k, seen));
  return { source, parameters, tied: [], notes };
}

function fromPlan(p: ModelPlan, source: 'plan' | 'model'): ModelParameters {
  if (!Array.isArray(p.parameters))
    throw new AdvisorError('INVALID_ARGUMENT', 'parameters', 'a plan needs a parameters array');
  const list = p.parameters.map((q, k) => {
    if (!isRecord(q) || typeof q.layer !== 'string' || typeof q.parameter !== 'string') {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        `parameters[${k}]`,
        'a plan entry needs layer, parameter, shape and scheme',
      );
    }
    return { name: `${q.layer}.${q.parameter}`, shape: q.shape, init: q.scheme };
  });
  return fromList(list, source, ['names are <layer>.<parameter> of the plan; shapes in PyTorch layout']);
}

function checkTotal(m: ModelParameters): ModelParameters {
  let total = 0;
  for (const p of m.parameters) total += p.shape.reduce((a, b) => a * b, 1);
  if (total > MAX_MODEL_ELEMENTS)
    throw new AdvisorError('TOO_LARGE', 'model', `has ${total} elements; at most 2^50`);
  return m;
}

/**
 * Expands any model description `materialize` accepts into its tensors, in checkpoint order.
 *
 * Formula: a plan gives `<layer>.<parameter>` names with its scheme configs; a model description is planned
 * first (`plan`); a list is taken as it is; GPT-2 and LLaMA configs go through {@link gpt2Parameters} and
 * {@link llamaParameters}. A config is recognized by `n_layer` (or `model_type: 'gpt2'`) and by
 * `num_hidden_layers` (or `model_type: 'llama'`).
 *
 * @param source - see {@link ModelSource}
 * @returns the parameters with their shapes and scheme configs, tied parameters and notes
 * @throws {AdvisorError} `INVALID_ARGUMENT` for a description of no known form or a bad entry (argument
 *   `parameters[k].…`, `config.…`), scheme errors of @init/schemes rethrown under `parameters[k].init`;
 *   `TOO_LARGE` past 10^6 tensors or 2^50 elements
 * @example
 * ```ts
 * modelParameters([{ name: 'w', shape: [4, 3], init: 'he_normal' }]).parameters[0].init; // => { name: 'he_normal' }
 * ```
 */
export function modelParameters(source: ModelSource): ModelParameters {
  if (Array.isArray(source)) return checkTotal(fromList(source, 'list', []));
  const raw: unknown = source;
  if (!isRecord(raw)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'model',
      'must be a plan, a list of { name, shape, init }, or a GPT-2 or LLaMA config',
    );
  }
  if (raw.command === 'plan' && isRecord(raw.result))
    return checkTotal(fromPlan(raw.result as unknown as ModelPlan, 'plan'));
  if (Array.isArray(raw.layers))
    return checkTotal(fromPlan(plan(raw as unknown as ModelDescription), 'model'));
  if (Array.isArray(raw.parameters)) {
    const first = raw.parameters[0];
    if (isRecord(first) && 'layer' in first) return checkTotal(fromPlan(raw as unknown as ModelPlan, 'plan'));
    return checkTotal(fromList(raw.parameters, 'list', []));
  }
  if (raw.model_type === 'gpt2' || 'n_layer' in raw)
    return checkTotal(gpt2Parameters(raw as unknown as Gpt2Config));
  if (raw.model_type === 'llama' || 'num_hidden_layers' in raw) {
    return checkTotal(llamaParameters(raw as unknown as LlamaConfig));
  }
  throw new AdvisorError(
    'INVALID_ARGUMENT',
    'model',
    'is not a plan, a model description (layers), a list of { name, shape, init }, a GPT-2 config (n_layer...) or a LLaMA config (num_hidden_layers...)',
  );
}
