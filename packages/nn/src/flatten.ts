import { BaseLayer } from './base-layer';
import type { LayerConfig, Shape } from './layer';
import { checkOptions, numel } from './options';

/**
 * Reshapes each sample to a vector: `[c, h, w] → [c·h·w]`, row-major, without copying (forward
 * returns its input, backward its output gradient).
 *
 * @param options - None (an empty object or nothing).
 * @throws {NnError} `INVALID_ARGUMENT` for any option.
 * @example
 * ```ts
 * new Flatten().build([2, 3, 4], 'flat'); // => [24]
 * ```
 */
export class Flatten extends BaseLayer {
  readonly kind = 'flatten';

  constructor(options?: Record<string, never>) {
    super();
    checkOptions(options, [], 'options');
  }

  protected buildShape(inputShape: Shape): Shape {
    return [numel(inputShape)];
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    this.save(x, batch, training);
    return x;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    return dy;
  }

  config(): LayerConfig {
    return { kind: this.kind };
  }
}
