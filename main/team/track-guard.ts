// Team mode for the tracks' commands: a command that acts (a DMS task control, an endpoint test, a Keyspaces
// validation, a traffic shift's promote or resume) needs the operator role and a reachable store, like the core's
// own; the reads (snapshots, series, resources, the focus of a view) stay open to everyone; the safety controls of a
// running shift (pause, abort) need the role only, so they work while the store is away.
import type { TrackCommandHandlers } from '../api/contract';
import { TRACK_READ_COMMAND } from '../api/read-commands';
/** Safety: they stop something; their journal entries wait in the outbox if the store is away. */
const SAFETY = new Set(['traffic.pause', 'traffic.abort']);

/** Throws to refuse; may answer how to undo what it took (a wave's lock it found free), should the command fail. */
export type TrackCommandGuard = (name: string, safety: boolean, request: unknown) => Promise<(() => Promise<void>) | undefined>;

/** `handlers` with `guard` run before every command that acts (the guard throws to refuse). */
export function guardTrackCommands(handlers: TrackCommandHandlers, guard: TrackCommandGuard): TrackCommandHandlers {
  const guarded: Record<string, (request: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (request: never) => Promise<unknown>][]) {
    guarded[name] = TRACK_READ_COMMAND.test(name)
      ? handler
      : async (request: never) => {
          const undo = await guard(name, SAFETY.has(name), request);
          try {
            return await handler(request);
          } catch (error) {
            // Refused after the guard took a free wave: the wave is free again, and the refusal is what is seen.
            await undo?.().catch(() => undefined);
            throw error;
          }
        };
  }
  return guarded as TrackCommandHandlers;
}
