import { processInKeyOrder } from './process-in-key-order';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('processInKeyOrder', () => {
  it('keeps each key in batch order while different keys run side by side', async () => {
    const batch = [
      { key: 'a', n: 1 },
      { key: 'b', n: 1 },
      { key: 'a', n: 2 },
      { key: 'c', n: 1 },
      { key: 'a', n: 3 },
      { key: 'b', n: 2 },
    ];
    const seen: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const outcome = await processInKeyOrder(
      batch,
      async (m) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await tick(m.key === 'a' ? 5 : 1);
        seen.push(`${m.key}${m.n}`);
        inFlight--;
      },
      8,
    );
    expect(outcome).toEqual({});
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(seen).toHaveLength(6);
    expect(maxInFlight).toBe(3);
  });

  it('never runs more keys at once than the limit', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}` }));
    let inFlight = 0;
    let maxInFlight = 0;
    await processInKeyOrder(
      batch,
      async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await tick(1);
        inFlight--;
      },
      4,
    );
    expect(maxInFlight).toBe(4);
  });

  it('stops a key at its failure and reports the earliest unfinished position', async () => {
    const batch = [{ key: 'a' }, { key: 'b' }, { key: 'b' }, { key: 'a' }, { key: 'c' }, { key: 'b' }];
    const handled: number[] = [];
    const failure = new Error('stopping');
    const outcome = await processInKeyOrder(
      batch.map((m, i) => ({ ...m, i })),
      async (m) => {
        if (m.i === 2 || m.i === 4) throw failure;
        handled.push(m.i);
      },
      8,
    );
    expect(outcome).toEqual({ firstUnfinished: 2, error: failure });
    // b's message 5 must not overtake the failed message 2 of the same key.
    expect(handled.sort()).toEqual([0, 1, 3]);
  });

  it('handles an empty batch', async () => {
    await expect(processInKeyOrder([], async () => undefined, 8)).resolves.toEqual({});
  });
});
