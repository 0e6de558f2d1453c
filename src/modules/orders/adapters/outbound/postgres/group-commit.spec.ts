import { GroupCommit, ItemResult } from './group-commit';

describe('GroupCommit', () => {
  it('runs a lone call at once and batches the calls that arrive meanwhile', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async (batch) => {
        batches.push([...batch]);
        await new Promise((r) => setTimeout(r, 5));
        return batch.map((n) => ({ ok: true, value: n * 2 }));
      },
    });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => group.submit(i)));
    expect(results).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
    expect(batches.map((b) => b.length)).toEqual([1, 10, 10, 4]);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('never puts two items with a shared key in one batch, keeping their order', async () => {
    const batches: string[][] = [];
    const group = new GroupCommit<string, void>({
      maxBatch: 10,
      maxInFlight: 1,
      keys: (item) => [item[0]],
      run: async (batch) => {
        batches.push([...batch]);
        return batch.map(() => ({ ok: true, value: undefined }));
      },
    });
    await Promise.all(['x0', 'a1', 'a2', 'b1', 'a3', 'b2'].map((item) => group.submit(item)));
    expect(batches).toEqual([['x0'], ['a1', 'b1'], ['a2', 'b2'], ['a3']]);
  });

  it('fails only the items the run reports as failed, or all when the run throws', async () => {
    const group = new GroupCommit<number, number>({
      maxBatch: 10,
      maxInFlight: 2,
      run: async (batch): Promise<ItemResult<number>[]> => {
        if (batch.includes(13)) throw new Error('database down');
        return batch.map((n) => (n % 2 ? { ok: false, error: new Error(`odd ${n}`) } : { ok: true, value: n }));
      },
    });
    await expect(group.submit(4)).resolves.toBe(4);
    await expect(group.submit(5)).rejects.toThrow('odd 5');
    await expect(group.submit(13)).rejects.toThrow('database down');
    await expect(group.submit(6)).resolves.toBe(6);
  });
});
