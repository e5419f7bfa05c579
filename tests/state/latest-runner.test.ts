import { describe, expect, it } from 'vitest';
import { LatestRunner, type RunContext } from '../../src/state/latest-runner';

/** A promise with its resolve, to hold a run open while the test sends more requests. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('LatestRunner', () => {
  it('runs a request made just as a run ends (after its last check, before the runner falls idle)', async () => {
    // Whatever the number of microtasks between the end of the run and the request, it runs.
    for (let depth = 0; depth < 8; depth++) {
      const runs: number[] = [];
      const runner = new LatestRunner<number>(async (n) => {
        runs.push(n);
        if (n !== 1) return;
        let p = Promise.resolve();
        for (let i = 0; i < depth; i++) p = p.then(() => undefined);
        void p.then(() => runner.request(2));
      });
      void runner.request(1);
      await new Promise((r) => setTimeout(r, 0));
      await Promise.race([runner.idle(), new Promise((r) => setTimeout(r, 200))]);
      expect(runs, `depth ${depth}`).toEqual([1, 2]);
      expect(runner.running).toBe(false);
    }
  });

  it('coalesces requests made during a run into exactly one more run, with the newest input', async () => {
    const runs: number[] = [];
    const gates = [gate(), gate()];
    const runner = new LatestRunner<number>(async (n) => {
      runs.push(n);
      await gates[runs.length - 1]?.promise;
    });
    void runner.request(1);
    expect(runner.running).toBe(true);
    for (const n of [2, 3, 4, 5]) void runner.request(n);
    expect(runner.pending).toBe(true);
    gates[0]!.open();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toEqual([1, 5]);
    gates[1]!.open();
    await runner.idle();
    expect(runs).toEqual([1, 5]);
    expect(runner.running).toBe(false);
    expect(runner.pending).toBe(false);
  });

  it('keeps the order of runs and tells a run it is stale once a newer request arrives', async () => {
    const log: string[] = [];
    const first = gate();
    const runner = new LatestRunner<string>(async (input, ctx: RunContext) => {
      log.push(`start ${input}`);
      if (input === 'a') await first.promise;
      log.push(`${ctx.stale() ? 'stale' : 'publish'} ${input}`);
    });
    const done = runner.request('a');
    void runner.request('b');
    first.open();
    await done;
    expect(log).toEqual(['start a', 'stale a', 'start b', 'publish b']);
  });

  it('reports an error, goes on with the next request, and never rejects', async () => {
    const errors: unknown[] = [];
    const runner = new LatestRunner<number>(
      async (n) => {
        if (n < 0) throw new Error(`bad ${n}`);
      },
      { onError: (e, n) => errors.push([(e as Error).message, n]) },
    );
    await expect(runner.request(-1)).resolves.toBeUndefined();
    expect(errors).toEqual([['bad -1', -1]]);
    expect((runner.error as Error).message).toBe('bad -1');
    await runner.request(2);
    expect(runner.error).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('idle() resolves at once when nothing runs, and after the last run otherwise', async () => {
    let finished = 0;
    const runner = new LatestRunner(async () => {
      await new Promise((r) => setTimeout(r, 5));
      finished++;
    });
    await runner.idle();
    expect(finished).toBe(0);
    void runner.request();
    void runner.request();
    await runner.idle();
    expect(finished).toBe(2);
  });

  it('holds requests until released, and idle() waits for them', async () => {
    const runs: number[] = [];
    const runner = new LatestRunner<number>(async (n) => void runs.push(n), { held: true });
    void runner.request(1);
    void runner.request(2);
    let idle = false;
    void runner.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toEqual([]);
    expect(idle).toBe(false);
    runner.release();
    await runner.idle();
    expect(runs).toEqual([2]);
    expect(idle).toBe(true);
  });

  it('cancel() drops the waiting request and marks the run in progress stale; dispose() refuses more', async () => {
    const seen: boolean[] = [];
    const g = gate();
    const runner = new LatestRunner<number>(async (_n, ctx) => {
      await g.promise;
      seen.push(ctx.stale());
    });
    void runner.request(1);
    void runner.request(2);
    runner.cancel();
    g.open();
    await runner.idle();
    expect(seen).toEqual([true]);
    runner.dispose();
    await runner.request(3);
    expect(seen).toEqual([true]);
  });
});
