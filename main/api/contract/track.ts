// The API contract — what a track adds to the one contract: its commands, each named `<track id>.<name>`, declared
// in main/tracks/<id>/contract.ts and composed into the one command table (commands.ts, over the list in
// main/tracks/contracts.ts). A track's contract module imports this file and the contract's domain files, never
// the index, so composing the table needs no cycle.
import type { z } from 'zod';

/** One command: its request and response schemas (the dispatcher checks both, at the boundary). */
export interface CommandSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** A track's commands: every name starts with the track's id and a dot. */
export type TrackCommands<Id extends string> = { readonly [N in `${Id}.${string}`]: CommandSpec };

export interface TrackContract<Id extends string = string, C extends TrackCommands<Id> = TrackCommands<Id>> {
  readonly id: Id;
  readonly commands: C;
}

/** A command named outside the track's prefix is a compile error (its type is `never`). */
type OnlyPrefixed<Id extends string, C> = { readonly [N in Exclude<keyof C, `${Id}.${string}`>]: never };

/** Declares a track's contract, keeping its commands' exact types (what its handlers are typed by). */
export function trackContract<const Id extends string, const C extends TrackCommands<Id>>(
  contract: TrackContract<Id, C> & { readonly commands: OnlyPrefixed<Id, C> },
): TrackContract<Id, C> {
  return contract;
}

/** What answers a table of commands: each takes its request as the schema parsed it and answers before the response is checked. */
export type HandlersOf<C extends { readonly [name: string]: CommandSpec }> = {
  [N in keyof C]: (request: z.output<C[N]['request']>) => Promise<z.output<C[N]['response']>>;
};

/** Any one command's handler, as the core holds a track's without knowing its commands. */
export type CommandHandler = (request: never) => Promise<unknown>;
