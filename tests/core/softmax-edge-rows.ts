/** Rows at each edge of V8's exp for the softmax-rows tests (softmax-rows, topk-softmax-rows). */
import { Rng } from '../../src/core/rng';

/**
 * Rows [m, v₁, v₂, …] whose differences v − m from their first value m lie at and around each bound b
 * of the C code: m is b in float32 and v = m − b + b·r is small, so float32 keeps it fine enough to
 * put v − m (a float64 difference, as the router takes it) within b·r of −b (the high-word bounds
 * leave windows of ~10⁻⁹ between themselves and ln 2 / 2 or 1.5 ln 2).
 */
export function edgeRows(): { logits: Float32Array; T: number; E: number } {
  const high = (hi: number) => new Float64Array(new Uint32Array([0, hi]).buffer)[0] as number;
  const bounds = [
    2 ** -28,
    Math.LN2 / 2,
    high(0x3fd62e43),
    high(0x3ff0a2b2),
    1.5 * Math.LN2,
    high(0x40862e42),
    709.78,
    745.1332191019411,
    746,
  ];
  // Around each bound: 400 differences spread over ±4·10⁻⁹·b, and a few further out.
  const rel = [-1e-3, -1e-5, -1e-7, ...Array.from({ length: 400 }, (_, i) => (i - 200) * 2e-11), 1e-7, 1e-5, 1e-3];
  const rows = bounds.flatMap((b) => {
    const m = Math.fround(b);
    return [m, ...rel.map((r) => Math.fround(m - b + b * r))];
  });
  // And rows of differences below 2⁻²⁸ (exp's early return 1 + x, which exp's formula would miss by
  // one bit in ~2% of them): m and v tiny themselves, so that v − m carries all of their bits.
  const rng = Rng.stream(1, 'softmax-rows', 'tiny');
  for (let t = 0; t < 8; t++) {
    const m = Math.fround((0.2 + 0.79 * rng.next()) * 2 ** -28);
    rows.push(m, ...rel.map(() => Math.fround(m * (1.2 * rng.next() - 0.2))));
  }
  return { logits: new Float32Array(rows), T: bounds.length + 8, E: 1 + rel.length };
}
