import { BufferCache } from './buffer-cache';
import { describeValue, NnError } from './errors';
import type { AdvisorLayerInfo, Layer, LayerConfig, Parameter, ParameterRole, Shape } from './layer';
import { checkShape, numel } from './options';
import { createParameter } from './parameter';

/**
 * Shared bookkeeping of the built-in layers: build-once checks, paths, parameter lists, buffer
 * cache and the saved input of the latest training-mode forward pass. Subclasses implement
 * `buildShape`, `forward`, `backward` and `config`. Layers written elsewhere may extend it or
 * implement {@link Layer} directly.
 */
export abstract class BaseLayer implements Layer {
  abstract readonly kind: string;
  private pathValue = '';
  private inShape: Shape | undefined;
  private outShape: Shape | undefined;
  private readonly params: Parameter[] = [];
  private readonly stateBuffers: Parameter[] = [];
  /** Batch-sized buffers of this layer. */
  protected readonly cache = new BufferCache();
  /** Input of the latest training-mode forward pass (not copied). */
  protected savedInput: Float32Array | undefined;
  /** Batch size of the latest training-mode forward pass, or -1. */
  protected savedBatch = -1;

  get path(): string {
    return this.pathValue;
  }

  get built(): boolean {
    return this.outShape !== undefined;
  }

  get inputShape(): Shape {
    if (this.inShape === undefined)
      throw new NnError('INVALID_STATE', 'layer', `${this.kind} layer is not built yet`);
    return this.inShape;
  }

  get outputShape(): Shape {
    if (this.outShape === undefined)
      throw new NnError('INVALID_STATE', 'layer', `${this.kind} layer is not built yet`);
    return this.outShape;
  }

  /** Number of values per input sample. */
  protected get inSize(): number {
    return numel(this.inputShape);
  }

  /** Number of values per output sample. */
  protected get outSize(): number {
    return numel(this.outputShape);
  }

  /** Display name used in error messages: the path, or the kind before build. */
  protected get label(): string {
    return this.pathValue === '' ? this.kind : `${this.pathValue} (${this.kind})`;
  }

  build(inputShape: Shape, path: string): Shape {
    if (this.built) throw new NnError('INVALID_STATE', 'layer', `${this.label} is already built`);
    if (typeof path !== 'string') throw new NnError('INVALID_ARGUMENT', 'path', 'must be a string');
    const shape = checkShape(inputShape, 'inputShape');
    this.pathValue = path;
    const out = checkShape(this.buildShape(shape), 'outputShape');
    this.inShape = shape;
    this.outShape = out;
    return out;
  }

  /** Checks `inputShape`, adds parameters, returns the output shape. */
  protected abstract buildShape(inputShape: Shape): Shape;

  abstract forward(x: Float32Array, batch: number, training: boolean): Float32Array;
  abstract backward(dy: Float32Array, batch: number, inputGrad?: boolean): Float32Array;
  abstract config(): LayerConfig;

  parameters(): readonly Parameter[] {
    return this.params;
  }

  buffers(): readonly Parameter[] {
    return this.stateBuffers;
  }

  children(): readonly Layer[] {
    return [];
  }

  advisorLayer(): AdvisorLayerInfo | undefined {
    return undefined;
  }

  /** Creates and registers a trainable parameter `path.localName`. */
  protected addParameter(localName: string, shape: Shape, role: ParameterRole): Parameter {
    const p = createParameter(this.pathValue, localName, shape, role);
    this.params.push(p);
    return p;
  }

  /** Creates and registers a non-trainable state tensor (its `grad` stays unused). */
  protected addBuffer(localName: string, shape: Shape, role: ParameterRole): Parameter {
    const p = createParameter(this.pathValue, localName, shape, role);
    this.stateBuffers.push(p);
    return p;
  }

  /** Throws `SHAPE_MISMATCH` naming this layer. */
  protected shapeError(message: string): never {
    throw new NnError('SHAPE_MISMATCH', 'inputShape', `${this.label}: ${message}`);
  }

  /**
   * Checks a forward input: `batch` an integer in [1, 2^20], `x` a Float32Array of
   * `batch · inSize` values. O(1); every built-in `forward` calls it first.
   */
  protected checkInput(x: unknown, batch: unknown): void {
    this.checkValues(x, batch, this.inSize, 'x');
  }

  /** Checks a backward gradient: a Float32Array of `batch · outSize` values. */
  protected checkGrad(dy: unknown, batch: unknown): void {
    this.checkValues(dy, batch, this.outSize, 'dy');
  }

  private checkValues(values: unknown, batch: unknown, size: number, argument: string): void {
    if (typeof batch !== 'number' || !Number.isSafeInteger(batch) || batch < 1 || batch > 1 << 20) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'batch',
        `${this.label}: must be an integer in [1, 2^20], got ${describeValue(batch)}`,
      );
    }
    if (!(values instanceof Float32Array)) {
      throw new NnError(
        'INVALID_ARGUMENT',
        argument,
        `${this.label}: must be a Float32Array, got ${describeValue(values)}`,
      );
    }
    if (values.length !== batch * size) {
      throw new NnError(
        'SHAPE_MISMATCH',
        argument,
        `${this.label}: expected ${batch} x ${size} = ${batch * size} values, got ${values.length}`,
      );
    }
  }

  /** Remembers the input of a training-mode forward pass for `backward`. */
  protected save(x: Float32Array, batch: number, training: boolean): void {
    if (training) {
      this.savedInput = x;
      this.savedBatch = batch;
    }
  }

  /** The saved input; throws `INVALID_STATE` unless a training forward of this batch size ran. */
  protected input(batch: number): Float32Array {
    if (this.savedInput === undefined || this.savedBatch !== batch) {
      throw new NnError(
        'INVALID_STATE',
        'backward',
        `${this.label}: backward(batch ${batch}) needs a training-mode forward of the same batch first`,
      );
    }
    return this.savedInput;
  }
}
