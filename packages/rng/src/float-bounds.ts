/**
 * Neighbouring representable values, used to keep float32 and float64 outputs inside their intervals
 * after rounding.
 */

let f32: Float32Array | undefined;
let u32: Uint32Array | undefined;
let f64view: DataView | undefined;

function f32Bits(): [Float32Array, Uint32Array] {
  if (!f32 || !u32) {
    f32 = new Float32Array(1);
    u32 = new Uint32Array(f32.buffer);
  }
  return [f32, u32];
}

/** Next float32 above a float32 value x (x finite). */
function f32Up(x: number): number {
  const [f, u] = f32Bits();
  if (x === 0) return 1.401298464324817e-45;
  f[0] = x;
  u[0] = x > 0 ? u[0]! + 1 : u[0]! - 1;
  return f[0]!;
}

/** Next float32 below a float32 value x (x finite). */
function f32Down(x: number): number {
  return -f32Up(-x);
}

/** Smallest float32 >= x (x finite); may be +Infinity past the float32 range. */
export function f32AtLeast(x: number): number {
  const r = Math.fround(x);
  return r < x ? f32Up(r) : r;
}

/** Largest float32 <= x (x finite); may be -Infinity past the float32 range. */
export function f32AtMost(x: number): number {
  const r = Math.fround(x);
  return r > x ? f32Down(r) : r;
}

/** Largest float32 < x (x finite). */
export function f32Below(x: number): number {
  const r = Math.fround(x);
  return r >= x ? f32Down(r) : r;
}

/** Largest float64 < x (x finite). */
export function f64Below(x: number): number {
  if (x === 0) return -5e-324;
  f64view ??= new DataView(new ArrayBuffer(8));
  f64view.setFloat64(0, x);
  const bits = f64view.getBigUint64(0);
  f64view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return f64view.getFloat64(0);
}
