import type { SchemeConfig } from './context';
import type { ParameterPlan } from './plan';
import type { CheckedLayer } from './plan-model';
import type { SignalLayer } from './signal-propagation';

/** What the layer planners build up while walking the model in order. */
export interface PlanState {
  readonly parameters: ParameterPlan[];
  readonly signal: SignalLayer[];
  /** False once a layer the mean-field analysis cannot model (embedding, recurrent, attention) is seen. */
  signalPossible: boolean;
  /** A normalization layer came right before the next weight layer. */
  pendingNorm: boolean;
  push(
    l: CheckedLayer,
    parameter: string,
    shape: number[],
    scheme: SchemeConfig,
    rule: string,
    reason: string,
  ): void;
}

/** A fresh state; the signal analysis starts possible unless the model is a transformer. */
export function newPlanState(signalPossible: boolean): PlanState {
  const parameters: ParameterPlan[] = [];
  return {
    parameters,
    signal: [],
    signalPossible,
    pendingNorm: false,
    push(l, parameter, shape, scheme, rule, reason) {
      parameters.push({ layer: l.name, parameter, shape, scheme, rule, reason });
    },
  };
}
