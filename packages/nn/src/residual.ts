import { BaseLayer } from './base-layer';
import { isContainer, joinPath, type LayerObserver } from './container';
import { NnError } from './errors';
import type { Layer, LayerConfig, Parameter, Shape } from './layer';
import { booleanOption, checkOptions, choiceOption, isRecord, numberOption, rawOption } from './options';

/** Options of {@link Residual}. */
export interface ResidualOptions {
  /** The branch `f`. Its parameters are named as if it sat in the residual block's place. */
  body: Layer;
  /** Optional projection on the skip path (for a change of shape), named `path.shortcut`. */
  shortcut?: Layer;
  /** `'none'` (default): `y = s(x) + f(x)`; `'scalar'`: `y = s(x) + α f(x)` with a learned scalar `gate`. */
  gate?: 'none' | 'scalar';
  /** Starting value of the scalar gate (0 = ReZero / SkipInit). Default 0. */
  gateValue?: number;
  /**
   * Zero-initialize the branch's last weight or normalization scale when the model is initialized,
   * so the block starts as the identity (Goyal et al. 2017; Fixup's last layer). Default false.
   */
  zeroInit?: boolean;
}

/**
 * A residual block: `y = s(x) + α f(x)`, with `s` the identity or a projection and `α` 1 or a
 * learned scalar gate.
 *
 * ```math
 * y = s(x) + \alpha f(x), \quad \frac{\partial L}{\partial x} = s'^T dy + f'^T (\alpha\, dy),
 * \quad \frac{\partial L}{\partial \alpha} = \sum dy \odot f(x)
 * ```
 *
 * The body's parameters keep the block's own path (`blocks.3.conv1.weight` for a body with a child
 * `conv1` in block `blocks.3`); the shortcut's are under `blocks.3.shortcut`, the gate is
 * `blocks.3.gate` (role `'gate'`, starting at `gateValue`).
 *
 * @param options - `body` (required), `shortcut`, `gate` (`'none'`), `gateValue` (0), `zeroInit` (false).
 * @throws {NnError} `INVALID_ARGUMENT` for a missing body or bad options; `SHAPE_MISMATCH` at build
 *   when the branch output shape differs from the skip path's.
 * @example
 * ```ts
 * const block = new Residual({ body: new Sequential({ fc: new Dense({ units: 8 }) }), gate: 'scalar' });
 * block.build([8], 'blocks.0');
 * block.parameters().map((p) => p.name); // => ['blocks.0.fc.weight', 'blocks.0.fc.bias', 'blocks.0.gate']
 * ```
 */
export class Residual extends BaseLayer {
  readonly kind = 'residual';
  readonly body: Layer;
  readonly shortcut: Layer | undefined;
  readonly gate: 'none' | 'scalar';
  readonly gateValue: number;
  readonly zeroInit: boolean;
  private gateParam: Parameter | undefined;
  private observer: LayerObserver | undefined;

  constructor(options: ResidualOptions) {
    super();
    const o = checkOptions(options, ['body', 'shortcut', 'gate', 'gateValue', 'zeroInit'], 'options');
    const body = rawOption(o, 'body');
    if (!isRecord(body) || typeof (body as Partial<Layer>).forward !== 'function') {
      throw new NnError('INVALID_ARGUMENT', 'body', 'must be a layer');
    }
    const shortcut = rawOption(o, 'shortcut');
    if (
      shortcut !== undefined &&
      (!isRecord(shortcut) || typeof (shortcut as Partial<Layer>).forward !== 'function')
    ) {
      throw new NnError('INVALID_ARGUMENT', 'shortcut', 'must be a layer');
    }
    if (shortcut === body) throw new NnError('INVALID_ARGUMENT', 'shortcut', 'must differ from the body');
    this.body = body as unknown as Layer;
    this.shortcut = shortcut as Layer | undefined;
    this.gate = choiceOption(o, 'gate', ['none', 'scalar'] as const, 'none');
    this.gateValue = numberOption(o, 'gateValue', { min: -1e6, max: 1e6 }, 0);
    this.zeroInit = booleanOption(o, 'zeroInit', false);
  }

  protected buildShape(inputShape: Shape): Shape {
    const out = this.body.build(inputShape, this.path);
    const skip =
      this.shortcut === undefined
        ? inputShape
        : this.shortcut.build(inputShape, joinPath(this.path, 'shortcut'));
    if (out.length !== skip.length || out.some((d, i) => d !== skip[i])) {
      this.shapeError(
        `the branch gives [${out.join(', ')}] but the skip path gives [${skip.join(', ')}]; add a shortcut projection`,
      );
    }
    if (this.gate === 'scalar') {
      this.gateParam = this.addParameter('gate', [1], 'gate');
      this.gateParam.value[0] = this.gateValue;
    }
    return out;
  }

  /** Sets (or clears, with `undefined`) the observer of this block and of the containers in its branch and shortcut. */
  setObserver(observer: LayerObserver | undefined): void {
    this.observer = observer;
    if (isContainer(this.body)) this.body.setObserver(observer);
    if (this.shortcut !== undefined && isContainer(this.shortcut)) this.shortcut.setObserver(observer);
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const n = batch * this.outSize;
    const f = this.body.forward(x, batch, training);
    if (this.observer !== undefined) this.observer(this.body, f, batch, 'forward');
    const s = this.shortcut === undefined ? x : this.shortcut.forward(x, batch, training);
    if (this.observer !== undefined && this.shortcut !== undefined)
      this.observer(this.shortcut, s, batch, 'forward');
    const y = this.cache.get('y', n);
    const a = this.gateParam === undefined ? 1 : (this.gateParam.value[0] as number);
    for (let i = 0; i < n; i++) y[i] = (s[i] as number) + a * (f[i] as number);
    if (training) this.cache.get('f', n).set(f);
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    const n = batch * this.outSize;
    const nIn = batch * this.inSize;
    const gp = this.gateParam;
    let dBranch = dy;
    if (gp !== undefined) {
      const f = this.cache.get('f', n);
      const a = gp.value[0] as number;
      dBranch = this.cache.get('dbranch', n);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const d = dy[i] as number;
        s += d * (f[i] as number);
        dBranch[i] = a * d;
      }
      gp.grad[0] = (gp.grad[0] as number) + s;
    }
    const dxBody = this.body.backward(dBranch, batch);
    if (this.observer !== undefined) this.observer(this.body, dxBody, batch, 'backward');
    const dx = this.cache.get('dx', nIn);
    dx.set(dxBody);
    const dxSkip = this.shortcut === undefined ? dy : this.shortcut.backward(dy, batch);
    if (this.observer !== undefined && this.shortcut !== undefined)
      this.observer(this.shortcut, dxSkip, batch, 'backward');
    for (let i = 0; i < nIn; i++) dx[i] = (dx[i] as number) + (dxSkip[i] as number);
    return dx;
  }

  /** The parameter that `zeroInit` sets to zero: the body's last weight or scale, if any. */
  zeroInitTarget(): Parameter | undefined {
    if (!this.zeroInit) return undefined;
    const ps = this.body.parameters();
    for (let i = ps.length - 1; i >= 0; i--) {
      const p = ps[i] as Parameter;
      if (p.role === 'weight' || p.role === 'scale') return p;
    }
    return undefined;
  }

  override parameters(): readonly Parameter[] {
    return [
      ...this.body.parameters(),
      ...(this.shortcut?.parameters() ?? []),
      ...(this.gateParam === undefined ? [] : [this.gateParam]),
    ];
  }

  override buffers(): readonly Parameter[] {
    return [...this.body.buffers(), ...(this.shortcut?.buffers() ?? [])];
  }

  override children(): readonly Layer[] {
    return this.shortcut === undefined ? [this.body] : [this.body, this.shortcut];
  }

  config(): LayerConfig {
    const c: Record<string, unknown> = {
      kind: this.kind,
      body: this.body.config(),
      gate: this.gate,
      gateValue: this.gateValue,
      zeroInit: this.zeroInit,
    };
    if (this.shortcut !== undefined) c.shortcut = this.shortcut.config();
    return c as LayerConfig;
  }
}
