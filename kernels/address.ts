// AssemblyScript (compiled by scripts/build-kernels.mjs): addresses of 4-byte elements, shared by
// the kernels.

/** The address of element i of a float32 or int32 array at p. */
// @ts-ignore: decorator
@inline
export function f(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

/** Element i of an int32 array at p. */
// @ts-ignore: decorator
@inline
export function i32At(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}
