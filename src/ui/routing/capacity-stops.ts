/** The capacity-factor slider's stops, shared by the simulator and the capacity lesson page. */

/** 0.5, 0.75, … 4, then "no limit" (null). */
export const CAPACITY_STOPS: readonly (number | null)[] = [...Array.from({ length: 15 }, (_, i) => 0.5 + 0.25 * i), null];

/** The stop showing `cf`: its own, or the nearest (a link may hold a factor between stops). */
export function capacityStop(cf: number | null): number {
  if (cf === null) return CAPACITY_STOPS.length - 1;
  let best = 0;
  CAPACITY_STOPS.forEach((v, i) => {
    if (v !== null && Math.abs(v - cf) < Math.abs((CAPACITY_STOPS[best] as number) - cf)) best = i;
  });
  return best;
}
