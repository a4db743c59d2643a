// The tracks' runtimes as the core runs them: each track that has one is started once, with what the core lends it
// (TrackContext); it follows every plan the core loads, answers its commands, and closes with the core. The core's
// dispatcher takes every track command from here: the handler of the track that declares it, or a refusal when
// that track does not run in this cockpit.
import { CommandError } from '../../common/command-error';
import { TRACK_COMMAND_OWNERS, type CommandHandler, type TrackCommandHandlers } from '../api/contract';
import type { JournalEntry } from '../journal/entry';
import type { DataClock } from '../monitoring/data-clock';
import type { MigrationPlan } from '../plan/model';
import type { CoreTrack, TrackContext, TrackRuntime } from '../seam/track';

const OWNERS: ReadonlyMap<string, string> = TRACK_COMMAND_OWNERS;

export class TrackRuntimes {
  private readonly byTrack = new Map<string, TrackRuntime>();
  private readonly routed: TrackCommandHandlers;

  /** Throws when a running track's runtime and its contract disagree (see handlers()), before anything else starts. */
  constructor(tracks: readonly CoreTrack[], context: TrackContext) {
    for (const track of tracks) {
      const runtime = track.start?.(context);
      if (runtime) this.byTrack.set(track.id, runtime);
    }
    this.routed = this.route();
  }

  /** A track's runtime, if it runs one. */
  get(trackId: string): TrackRuntime | undefined {
    return this.byTrack.get(trackId);
  }

  /** Every track command's handler: the declaring track's, or a refusal when that track does not run here. */
  handlers(): TrackCommandHandlers {
    return this.routed;
  }

  /** A running track must handle exactly the commands its contract declares. */
  private route(): TrackCommandHandlers {
    for (const [trackId, runtime] of this.byTrack) {
      for (const name of Object.keys(runtime.handlers)) {
        if (OWNERS.get(name) !== trackId)
          throw new Error(`track '${trackId}' handles '${name}', which its contract does not declare (main/tracks/contracts.ts)`);
      }
    }
    const routed: Record<string, CommandHandler> = {};
    for (const [name, trackId] of OWNERS) {
      const runtime = this.byTrack.get(trackId);
      const handler = runtime?.handlers[name];
      if (runtime && !handler) throw new Error(`track '${trackId}' declares '${name}' but its runtime does not handle it`);
      routed[name] =
        handler ??
        (async () => {
          throw new CommandError('not-found', `'${name}' is a command of the '${trackId}' track, which this cockpit does not run`);
        });
    }
    // Each entry is the declaring track's own handler, typed by its contract (HandlersOf), or a refusal.
    return routed as TrackCommandHandlers;
  }

  /** Hands every runtime the plan the core loaded (undefined: none runs), one after another. */
  async setPlan(plan: MigrationPlan | undefined): Promise<void> {
    for (const runtime of this.byTrack.values()) await runtime.setPlan(plan);
  }

  /** Another cockpit's journal entry (team mode), handed to every runtime that follows one. */
  observeRemote(entry: JournalEntry): void {
    for (const runtime of this.byTrack.values()) runtime.observeRemote?.(entry);
  }

  /** The clock the data is on: the first running track's that reads any (one rehearsal or AWS serves them all). */
  clock(): DataClock | undefined {
    for (const runtime of this.byTrack.values()) {
      const clock = runtime.clock?.();
      if (clock) return clock;
    }
    return undefined;
  }

  async close(): Promise<void> {
    for (const runtime of this.byTrack.values()) await runtime.close();
  }
}
