import { describe, expect, it } from 'vitest';
import { InterestHolders } from './interest';

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('InterestHolders', () => {
  it('tells the core the union once per burst, only when it changed, and again when forced', async () => {
    const sent: string[][] = [];
    const holders = new InterestHolders<string>(
      (held) => [...new Set(held.values())].sort(),
      (keys) => sent.push([...keys]),
    );
    const releaseA = holders.hold('a', () => undefined);
    const releaseB = holders.hold('b', () => undefined);
    await tick();
    expect(sent).toEqual([['a', 'b']]);
    // A view switching tasks releases and holds in one render: one message, and none when the union is the same.
    releaseB();
    const releaseB2 = holders.hold('b', () => undefined);
    await tick();
    expect(sent).toHaveLength(1);
    holders.sync(true);
    await tick();
    expect(sent).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    releaseA();
    releaseB2();
    await tick();
    expect(sent.at(-1)).toEqual([]);
    expect(holders.keys()).toEqual(new Set());
  });

  it('runs a release once, after the core is told, and never says "nothing" when nothing was ever held', async () => {
    const sent: string[][] = [];
    let released = 0;
    const holders = new InterestHolders<string>(
      (held) => [...held.values()],
      (keys) => sent.push([...keys]),
    );
    holders.sync(true);
    await tick();
    expect(sent).toEqual([]);
    const release = holders.hold('x', () => (released += 1));
    release();
    release();
    expect(released).toBe(1);
  });
});
