import { describe, expect, it } from 'vitest';
import { CommandError } from '../../common/command-error';
import { TRACK_COMMAND_OWNERS } from '../api/contract';
import type { MigrationPlan } from '../plan/model';
import type { CoreTrack, TrackContext, TrackRuntime } from '../seam/track';
import { TrackRuntimes } from './track-runtimes';

const CONTEXT = {} as TrackContext;
const DMS_COMMANDS = [...TRACK_COMMAND_OWNERS].filter(([, trackId]) => trackId === 'dms').map(([name]) => name);

/** A stand-in 'dms' track whose runtime answers every command with its name and records the plans it was given. */
function fakeTrack(handled: readonly string[] = DMS_COMMANDS) {
  const plans: (string | undefined)[] = [];
  let closed = false;
  const runtime: TrackRuntime = {
    handlers: Object.fromEntries(handled.map((name) => [name, async () => `answered ${name}`])),
    setPlan: async (plan) => void plans.push(plan?.name),
    close: async () => void (closed = true),
  };
  const track: CoreTrack = { id: 'dms', title: 'Replication', start: () => runtime };
  return { track, runtime, plans, closed: () => closed };
}

describe('track runtimes', () => {
  it('routes each track command to the runtime of the track that declares it, and hands it every plan and the close', async () => {
    const { track, runtime, plans, closed } = fakeTrack();
    const runtimes = new TrackRuntimes([track], CONTEXT);
    expect(runtimes.get('dms')).toBe(runtime);
    const handlers = runtimes.handlers();
    // Every track command has a handler: the running track's own, a refusal for a track not run here.
    expect(Object.keys(handlers).sort()).toEqual([...TRACK_COMMAND_OWNERS.keys()].sort());
    expect(await handlers['dms.snapshot']({})).toBe('answered dms.snapshot');
    await expect(handlers['health.snapshot']({})).rejects.toMatchObject({ code: 'not-found' });
    await runtimes.setPlan({ name: 'first' } as MigrationPlan);
    await runtimes.setPlan(undefined);
    expect(plans).toEqual(['first', undefined]);
    await runtimes.close();
    expect(closed()).toBe(true);
  });

  it('refuses the commands of a track this cockpit does not run, naming the track', async () => {
    const handlers = new TrackRuntimes([], CONTEXT).handlers();
    const refusal = await handlers['dms.snapshot']({}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CommandError);
    expect(refusal).toMatchObject({ code: 'not-found', message: "'dms.snapshot' is a command of the 'dms' track, which this cockpit does not run" });
  });

  it('will not start when a runtime and its contract disagree', () => {
    expect(() => new TrackRuntimes([fakeTrack([...DMS_COMMANDS, 'dms.extra']).track], CONTEXT)).toThrow(
      "track 'dms' handles 'dms.extra', which its contract does not declare (main/tracks/contracts.ts)",
    );
    expect(() => new TrackRuntimes([fakeTrack(DMS_COMMANDS.slice(1)).track], CONTEXT)).toThrow(
      `track 'dms' declares '${DMS_COMMANDS[0]}' but its runtime does not handle it`,
    );
  });

  it('reads the data clock of the first track whose data has one', () => {
    const clock = { now: () => 42, rate: 60 };
    const without: CoreTrack = { id: 'quiet', title: 'Quiet', start: () => ({ handlers: {}, setPlan: async () => {}, close: async () => {} }) };
    const withClock: CoreTrack = { id: 'dms', title: 'Replication', start: () => ({ ...fakeTrack().runtime, clock: () => clock }) };
    expect(new TrackRuntimes([without], CONTEXT).clock()).toBeUndefined();
    expect(new TrackRuntimes([without, withClock], CONTEXT).clock()).toBe(clock);
  });
});
