import type { SchemeConfig } from './context';
import type { Verdict } from './signal-propagation';
import type { Source, SourceId } from './sources';
import type { UseCaseMatch } from './use-case';

/** Another reasonable choice and what it costs or buys compared with the recommendation. */
export interface Alternative {
  readonly scheme: SchemeConfig;
  readonly tradeoff: string;
}

/** A scheme for one kind of parameter that needs its own rule (recurrent matrix, branch end, bias slice...). */
export interface RoleRecommendation {
  /** Which parameters: e.g. `'recurrent_weight'`, `'residual_branch_last'`, `'forget_gate_bias'`. */
  readonly role: string;
  readonly scheme: SchemeConfig;
  readonly reason: string;
}

/** The mean-field check of the recommended scheme at the given depth. */
export interface SignalCheck {
  readonly verdict: Verdict;
  readonly signalLostAt: number | null;
  readonly summary: string;
}

/** What {@link recommend} returns. */
export interface Recommendation {
  /** The main weight scheme, a ready @init/schemes config. */
  readonly scheme: SchemeConfig;
  /** The bias scheme. */
  readonly bias?: SchemeConfig;
  /** Parameters with their own rule. */
  readonly roles: readonly RoleRecommendation[];
  /** Plain-language reasons, each naming the principle behind it. */
  readonly reasons: readonly string[];
  readonly alternatives: readonly Alternative[];
  readonly warnings: readonly string[];
  /** References behind the rules that fired. */
  readonly sources: readonly Source[];
  /** Ids of the rules that fired, in order. */
  readonly ruleIds: readonly string[];
  /** What the advisor had to assume because the context did not say. */
  readonly assumptions: readonly string[];
  /** Mean-field prediction for the recommended scheme, when depth and activation allow one. */
  readonly signal?: SignalCheck;
  /** With `useCase`: the row of the use-case table it matched, and on which words. */
  readonly useCase?: UseCaseMatch;
}

/** Mutable recommendation under construction; rules write into it. */
export interface Draft {
  scheme: SchemeConfig | undefined;
  bias: SchemeConfig | undefined;
  roles: RoleRecommendation[];
  reasons: string[];
  alternatives: Alternative[];
  warnings: string[];
  sources: Set<SourceId>;
  ruleIds: string[];
  assumptions: string[];
  signal: SignalCheck | undefined;
}

/** An empty draft. */
export function emptyDraft(): Draft {
  return {
    scheme: undefined,
    bias: undefined,
    roles: [],
    reasons: [],
    alternatives: [],
    warnings: [],
    sources: new Set(),
    ruleIds: [],
    assumptions: [],
    signal: undefined,
  };
}
