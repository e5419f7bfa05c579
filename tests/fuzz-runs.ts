/**
 * How many generated inputs each property test tries: 1,000 in `npm test`, and whatever FUZZ_RUNS
 * says otherwise (`npm run test:fuzz`, which CI runs too, sets 10,000). One knob for the property
 * tests in tests/core/*.prop.test.ts and tests/state/*.prop.test.ts.
 */
export const DEFAULT_FUZZ_RUNS = 1000;

/** The run count FUZZ_RUNS asks for (a positive whole number), or the default when it is unset or empty. */
export function fuzzRunsFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_FUZZ_RUNS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`FUZZ_RUNS must be a positive whole number of runs per property, not ${JSON.stringify(value)}`);
  }
  return n;
}

export const FUZZ_RUNS = fuzzRunsFrom(process.env.FUZZ_RUNS);

/** fast-check's parameters for a property at the configured run count. */
export const RUNS = { numRuns: FUZZ_RUNS };
