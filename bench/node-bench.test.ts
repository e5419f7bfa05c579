/** Runs the Node benchmarks named in BENCH (default: all) under vitest; each prints its own table. */
import { it } from 'vitest';

const benches = (process.env.BENCH ?? 'forward,training').split(',').map((b) => b.trim());
for (const name of benches) {
  it(name, async () => {
    await import(`./${name}.ts`);
  });
}
