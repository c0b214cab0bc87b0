import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('group commit', () => {
  it('answers each item from its batch, and writes what arrives together in one batch', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommitter<number, number>(
      async (items) => {
        batches.push(items);
        await tick(5);
        return items.map((x) => x * 10);
      },
      { maxWaitMs: 3, maxBatch: 100, maxInFlight: 1 },
    );
    const results = await Promise.all([1, 2, 3, 4].map((x) => gc.submit(x)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('grows the next batch while one is being written, never above maxBatch', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommitter<number, number>(
      async (items) => {
        batches.push(items);
        await tick(20);
        return items;
      },
      { maxWaitMs: 1, maxBatch: 5, maxInFlight: 1 },
    );
    const first = gc.submit(0);
    await tick(5);
    const rest = Array.from({ length: 12 }, (_, i) => gc.submit(i + 1));
    await Promise.all([first, ...rest]);
    expect(batches.map((b) => b.length)).toEqual([1, 5, 5, 2]);
  });

  it('fails every item of a failed batch, and waits for in-flight work on close', async () => {
    let calls = 0;
    const gc = new GroupCommitter<number, number>(
      async (items) => {
        calls += 1;
        await tick(10);
        if (calls === 1) throw new Error('database down');
        return items;
      },
      { maxWaitMs: 1, maxBatch: 10, maxInFlight: 2 },
    );
    const failed = [gc.submit(1), gc.submit(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['database down', 'database down']);
    const late = gc.submit(3);
    await gc.close();
    expect(await late).toBe(3);
    await expect(gc.submit(4)).rejects.toThrow('closed');
  });
});
