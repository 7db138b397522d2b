/** The handler of every request kind; the training sessions live in this closure. */
import { runAdvise } from '../compute/advise';
import { runEncode, runInspect, runInspectFile } from '../compute/inspect';
import { type RnnStore, runRnn } from '../compute/rnn';
import { runSignal } from '../compute/signal';
import { type ArenaStore, runTrain } from '../compute/train';
import { WeightCache } from '../compute/weight-cache';
import type { WeightsHelper } from '../compute/weights-helper';
import type { Handlers } from './protocol';

/** `helper`: the weights helper worker the signal view shares its draws with (none in Node tests). */
export function createHandlers(helper?: WeightsHelper): Handlers {
  const arena: ArenaStore = {};
  const rnn: RnnStore = {};
  const weights = new WeightCache();
  return {
    signal: (p) => runSignal(p, weights, helper),
    inspect: (p) => runInspect(p),
    'inspect-file': (p) => runInspectFile(p),
    encode: (p) => runEncode(p),
    advise: (p) => runAdvise(p),
    train: (p, ctx) => runTrain(p, arena, ctx),
    rnn: (p, ctx) => runRnn(p, rnn, ctx),
  };
}
