import { describe, expectTypeOf, it } from 'vitest';
import { heNormal } from './he';
import { fromConfig } from './registry';
import type { Dtype, Tensor } from './tensor';

// These assertions are checked by `tsc` (the package's typecheck); at run time they only call the
// initializers once.
describe('the data of a call is typed by its dtype', () => {
  it('Float32Array by default and for float32, Float64Array for float64', () => {
    const d: Float32Array = heNormal()([2, 2], 1).data;
    const e: Float64Array = heNormal()([2, 2], 1, { dtype: 'float64' }).data;
    const f: Float32Array = fromConfig('normal')([2], 1, { dtype: 'float32', layout: 'keras' }).data;
    expectTypeOf(d).toEqualTypeOf<Float32Array>();
    expectTypeOf(e).toEqualTypeOf<Float64Array>();
    expectTypeOf(f).toEqualTypeOf<Float32Array>();
    expectTypeOf(heNormal()([2, 2], 1, { layout: 'keras' }).data).toEqualTypeOf<Float32Array>();
    // A dtype only known at run time gives the union.
    const dtype = 'float64' as Dtype;
    expectTypeOf(heNormal()([2, 2], 1, { dtype }).data).toEqualTypeOf<Float32Array | Float64Array>();
    expectTypeOf(heNormal()([2, 2], 1)).toExtend<Tensor>();
    // @ts-expect-error float64 data is not a Float32Array
    const wrong: Float32Array = heNormal()([2, 2], 1, { dtype: 'float64' }).data;
    void wrong;
  });
});
