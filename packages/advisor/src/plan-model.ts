import { type ActivationInput, resolveActivation } from './activations';
import { ARCHITECTURES, type Architecture, NORMALIZATIONS, type Normalization } from './context';
import { AdvisorError } from './errors';
import { checkOptions, isRecord } from './options';
import type { LayerKind, ModelDescription } from './plan';
import { MAX_DEPTH } from './signal-propagation';
import { valueText } from './value-text';

/** Every layer kind a model description may use (the order of `LAYER_KINDS`). */
export const KINDS: readonly LayerKind[] = [
  'dense',
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'embedding',
  'rnn',
  'lstm',
  'gru',
  'attention',
  'layer_norm',
  'batch_norm',
];

const MODEL_KEYS = ['name', 'architecture', 'normalization', 'activation', 'layers'];
const LAYER_KEYS = ['name', 'kind', 'shape', 'activation', 'branch', 'bias', 'output'];
const MAX_DIM = 1 << 30;
const MAX_NAME = 200;

const RANKS: Record<LayerKind, readonly number[]> = {
  dense: [2],
  linear: [2],
  conv1d: [3],
  conv2d: [4],
  conv3d: [5],
  embedding: [2],
  rnn: [2],
  lstm: [2],
  gru: [2],
  attention: [1],
  layer_norm: [1],
  batch_norm: [1],
};

/** One layer after validation. */
export interface CheckedLayer {
  readonly index: number;
  readonly name: string;
  readonly kind: LayerKind;
  readonly shape: number[];
  readonly activation: ActivationInput | undefined;
  readonly branch: string | undefined;
  readonly bias: boolean;
  readonly output: boolean;
  /** The layer named 'softmax' as its activation (allowed on the output layer only; treated as linear logits). */
  readonly softmax: boolean;
}

/** A model description after validation: every field checked, layers in order, names unique. */
export interface ParsedModel {
  readonly name: string | undefined;
  readonly architecture: Architecture | undefined;
  readonly normalization: Normalization | undefined;
  readonly activation: ActivationInput | undefined;
  readonly layers: readonly CheckedLayer[];
}

export function fail(
  code: 'INVALID_ARGUMENT' | 'UNSUPPORTED' | 'TOO_LARGE' | 'SHAPE_MISMATCH',
  argument: string,
  message: string,
): never {
  throw new AdvisorError(code, argument, message);
}

function checkName(v: unknown, argument: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_NAME) {
    fail('INVALID_ARGUMENT', argument, `expected a string of 1-${MAX_NAME} characters, got ${valueText(v)}`);
  }
  return v;
}

function checkKind(raw: unknown, where: string): LayerKind {
  const kind = KINDS.find((k) => k === (typeof raw === 'string' ? raw.toLowerCase() : undefined));
  if (kind === undefined) {
    fail(
      typeof raw === 'string' ? 'UNSUPPORTED' : 'INVALID_ARGUMENT',
      `${where}.kind`,
      `expected one of ${KINDS.join(', ')}`,
    );
  }
  return kind;
}

function checkShape(raw: unknown, kind: LayerKind, where: string): number[] {
  if (!Array.isArray(raw))
    fail('INVALID_ARGUMENT', `${where}.shape`, 'expected an array of positive integers');
  if (!RANKS[kind].includes(raw.length)) {
    fail(
      'SHAPE_MISMATCH',
      `${where}.shape`,
      `a ${kind} layer needs rank ${RANKS[kind].join(' or ')}, got rank ${raw.length}`,
    );
  }
  return Array.from(raw, (d: unknown, j) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      fail('INVALID_ARGUMENT', `${where}.shape[${j}]`, `expected a positive integer, got ${valueText(d)}`);
    }
    if (d > MAX_DIM) fail('TOO_LARGE', `${where}.shape[${j}]`, `at most ${MAX_DIM}`);
    return d;
  });
}

/** An activation name or `{ name, slope?, alpha? }`, checked by resolving it; `undefined` stays undefined. */
function checkActivation(raw: unknown, argument: string): ActivationInput | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' && !isRecord(raw)) {
    fail('INVALID_ARGUMENT', argument, 'expected an activation name or { name, slope?, alpha? }');
  }
  resolveActivation(raw as ActivationInput, argument);
  return raw as ActivationInput;
}

function checkLayer(raw: unknown, index: number): CheckedLayer {
  const where = `layers[${index}]`;
  if (!isRecord(raw))
    fail(
      'INVALID_ARGUMENT',
      where,
      'expected an object { kind, shape, activation?, branch?, bias?, output?, name? }',
    );
  checkOptions(raw, LAYER_KEYS, where, where);
  const kind = checkKind(raw.kind, where);
  const shape = checkShape(raw.shape, kind, where);
  const name = raw.name === undefined ? `${kind}${index}` : checkName(raw.name, `${where}.name`);
  const softmax = typeof raw.activation === 'string' && raw.activation.trim().toLowerCase() === 'softmax';
  const activation = softmax ? 'linear' : checkActivation(raw.activation, `${where}.activation`);
  const branch = raw.branch === undefined ? undefined : checkName(raw.branch, `${where}.branch`);
  for (const flag of ['bias', 'output'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') {
      fail('INVALID_ARGUMENT', `${where}.${flag}`, `expected true or false, got ${valueText(raw[flag])}`);
    }
  }
  return {
    index,
    name,
    kind,
    shape,
    activation,
    branch,
    bias: raw.bias !== false,
    output: raw.output === true,
    softmax,
  };
}

function checkUniqueNames(layers: readonly CheckedLayer[]): void {
  const seen = new Set<string>();
  for (const l of layers) {
    if (seen.has(l.name))
      fail('INVALID_ARGUMENT', `layers[${l.index}].name`, `duplicate layer name '${l.name}'`);
    seen.add(l.name);
  }
}

/**
 * Validates a model description: known fields only, names and enums checked, every layer's kind,
 * rank and dimensions checked, at most 10000 layers, unique layer names.
 */
export function parseModel(model: ModelDescription): ParsedModel {
  if (!isRecord(model))
    fail(
      'INVALID_ARGUMENT',
      'model',
      'expected an object { layers, activation?, architecture?, normalization?, name? }',
    );
  checkOptions(model, MODEL_KEYS, 'model', 'model');
  const name = model.name === undefined ? undefined : checkName(model.name, 'model.name');
  const architecture =
    model.architecture === undefined
      ? undefined
      : (ARCHITECTURES.find((a) => a === model.architecture) ??
        fail('UNSUPPORTED', 'model.architecture', `expected one of ${ARCHITECTURES.join(', ')}`));
  const normalization =
    model.normalization === undefined
      ? undefined
      : (NORMALIZATIONS.find((n) => n === model.normalization) ??
        fail('UNSUPPORTED', 'model.normalization', `expected one of ${NORMALIZATIONS.join(', ')}`));
  const activation = checkActivation(model.activation, 'model.activation');
  const rawLayers: unknown = model.layers;
  if (!Array.isArray(rawLayers)) fail('INVALID_ARGUMENT', 'model.layers', 'expected an array of layers');
  if (rawLayers.length === 0) fail('INVALID_ARGUMENT', 'model.layers', 'expected at least one layer');
  if (rawLayers.length > MAX_DEPTH)
    fail('TOO_LARGE', 'model.layers', `at most ${MAX_DEPTH} layers, got ${rawLayers.length}`);
  const layers = Array.from(rawLayers, (l: unknown, i) => checkLayer(l, i));
  checkUniqueNames(layers);
  return { name, architecture, normalization, activation, layers };
}
