/**
 * The advisor view: @init/advisor's `recommend` on the form's context (or a preset, or a use case in
 * words), and the translation of its answer into the settings of the signal and training views.
 */
import { getPreset, recommend } from '@init/advisor';
import {
  DEFAULT_SCHEME_SETTINGS,
  MODES,
  SCHEME_NAMES,
  type SchemeName,
  type SchemeSettings,
} from '../scheme-catalog';
import { ACTIVATIONS, type ActivationName } from '../state/schema';

export interface AdviseParams {
  readonly mode: 'form' | 'preset' | 'words';
  readonly activation: ActivationName;
  readonly architecture: string;
  readonly depth: number;
  readonly width: number;
  readonly normalization: string;
  readonly preset: string;
  readonly text: string;
}

/** What "load into views 1 and 2" applies. */
export interface LoadPlan {
  readonly settings: SchemeSettings;
  /** The activation the answer is for (the form's, or the one a preset fills in). */
  readonly activation: ActivationName | null;
  readonly depth: number | null;
  /** How the answer was translated, when it was not one-to-one. */
  readonly note: string | null;
}

export interface AdviseResult {
  readonly scheme: string;
  readonly bias: string | null;
  readonly reasons: readonly string[];
  readonly alternatives: readonly { scheme: string; tradeoff: string }[];
  readonly warnings: readonly string[];
  readonly sources: readonly { title: string; detail: string }[];
  readonly roles: readonly { role: string; scheme: string; reason: string }[];
  readonly ruleIds: readonly string[];
  readonly assumptions: readonly string[];
  readonly signal: string | null;
  readonly useCase: string | null;
  readonly load: LoadPlan;
}

/** `he_normal(mode=fan_in, nonlinearity=relu)`. */
export function configText(c: Readonly<Record<string, unknown>>): string {
  const { name, ...rest } = c;
  const parts = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('') : String(v)}`);
  return parts.length === 0 ? String(name) : `${String(name)}(${parts.join(', ')})`;
}

const NEAREST: Readonly<Record<string, SchemeName>> = {
  rnn_orthogonal: 'orthogonal',
  delta_orthogonal: 'orthogonal',
  rnn_identity: 'identity',
  dirac: 'identity',
  zer_o: 'identity',
  he_truncated_normal: 'he_normal',
  xavier_truncated_normal: 'xavier_normal',
  lecun_truncated_normal: 'lecun_normal',
};

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The playground settings closest to an @init/schemes config. */
export function settingsFromConfig(c: Readonly<Record<string, unknown>>): {
  settings: SchemeSettings;
  note: string | null;
} {
  const raw = String(c.name);
  const direct = (SCHEME_NAMES as readonly string[]).includes(raw);
  const name: SchemeName = direct ? (raw as SchemeName) : (NEAREST[raw] ?? 'he_normal');
  const mode = MODES.includes(c.mode as never) ? (c.mode as SchemeSettings['mode']) : 'fan_in';
  const d = DEFAULT_SCHEME_SETTINGS;
  const settings: SchemeSettings = {
    scheme: name,
    gain: Math.min(10, num(c.gain, d.gain)),
    std: Math.min(10, num(c.std, d.std)),
    scale: Math.min(100, Math.max(0.001, num(c.scale, d.scale))),
    mode,
    sparsity: Math.min(0.99, num(c.sparsity, d.sparsity)),
    mult: Math.min(10, num(c.multiplier, 1)),
  };
  const notes: string[] = [];
  if (!direct) notes.push(`${raw} is shown as ${name}, its dense counterpart`);
  if (c.mode !== undefined && c.mode !== mode) notes.push(`mode ${String(c.mode)} is shown as fan_in`);
  return { settings, note: notes.length > 0 ? `${notes.join('; ')}.` : null };
}

export function runAdvise(p: AdviseParams): AdviseResult {
  const context: Record<string, unknown> =
    p.mode === 'preset'
      ? { preset: p.preset, depth: p.depth, width: p.width }
      : p.mode === 'words'
        ? { useCase: p.text }
        : {
            activation: p.activation,
            architecture: p.architecture,
            depth: p.depth,
            width: p.width,
            normalization: p.normalization,
          };
  const r = recommend(context as Parameters<typeof recommend>[0]);
  const { settings, note } = settingsFromConfig(r.scheme as Record<string, unknown>);
  const presetName = p.mode === 'form' ? undefined : (r.useCase?.preset ?? (context.preset as string));
  const presetAct = presetName === undefined ? undefined : getPreset(presetName).context.activation;
  const activation =
    p.mode === 'form'
      ? p.activation
      : typeof presetAct === 'string' && (ACTIVATIONS as readonly string[]).includes(presetAct)
        ? (presetAct as ActivationName)
        : null;
  return {
    scheme: configText(r.scheme as Record<string, unknown>),
    bias: r.bias ? configText(r.bias as Record<string, unknown>) : null,
    reasons: r.reasons,
    alternatives: r.alternatives.map((a) => ({
      scheme: configText(a.scheme as Record<string, unknown>),
      tradeoff: a.tradeoff,
    })),
    warnings: r.warnings,
    sources: r.sources.map((s) => ({ title: s.title, detail: s.detail })),
    roles: r.roles.map((x) => ({
      role: x.role,
      scheme: configText(x.scheme as Record<string, unknown>),
      reason: x.reason,
    })),
    ruleIds: r.ruleIds,
    assumptions: r.assumptions,
    signal: r.signal?.summary ?? null,
    useCase: r.useCase ? `${r.useCase.row} (matched: ${r.useCase.words.join(', ')})` : null,
    load: { settings, activation, depth: p.mode === 'form' ? p.depth : null, note },
  };
}
