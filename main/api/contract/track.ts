// The API contract — what a track adds to the one contract: its commands, each named `<track id>.<name>`, and its
// events, each typed `<track id>.<name>`, declared in main/tracks/<id>/contract.ts and composed into the one
// command table (commands.ts) and the one event union (events.ts), over the list in main/tracks/contracts.ts. A track's contract module imports this file and the contract's domain files, never
// the index, so composing the table needs no cycle.
import type { z } from 'zod';

/** One command: its request and response schemas (the dispatcher checks both, at the boundary). */
export interface CommandSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** A track's commands: every name starts with the track's id and a dot. */
export type TrackCommands<Id extends string> = { readonly [N in `${Id}.${string}`]: CommandSpec };

/** An event a track publishes: its schema (a `type` literal named `<track id>.<name>`) and how it coalesces. */
export interface TrackEventSpec<S extends TrackEventSchema = TrackEventSchema> {
  readonly schema: S;
  /**
   * Events with the same key supersede each other within one batch (only the newest crosses the transport), as a
   * whole view does; without it every event is kept, as a part of the data (new points, one alert's change) is.
   */
  readonly supersedes?: (event: z.output<S>) => string;
}

/** An event's schema: an object with a string literal `type`. */
export type TrackEventSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

export interface TrackContract<
  Id extends string = string,
  C extends TrackCommands<Id> = TrackCommands<Id>,
  E extends readonly TrackEventSpec[] = readonly TrackEventSpec[],
> {
  readonly id: Id;
  readonly commands: C;
  /** Its events (main/tracks/tracks.test.ts holds each type to the track's prefix). */
  readonly events?: E;
}

/** Declares one event of a track's contract, keeping its schema's exact type. */
export function trackEvent<const S extends TrackEventSchema>(schema: S, supersedes?: (event: z.output<S>) => string): TrackEventSpec<S> {
  return supersedes ? { schema, supersedes } : { schema };
}

/** A command named outside the track's prefix is a compile error (its type is `never`). */
type OnlyPrefixed<Id extends string, C> = { readonly [N in Exclude<keyof C, `${Id}.${string}`>]: never };

/** Declares a track's contract, keeping its commands' exact types (what its handlers are typed by). */
export function trackContract<const Id extends string, const C extends TrackCommands<Id>, const E extends readonly TrackEventSpec[] = readonly []>(
  contract: TrackContract<Id, C, E> & { readonly commands: OnlyPrefixed<Id, C> },
): TrackContract<Id, C, E> {
  return contract;
}

/** What answers a table of commands: each takes its request as the schema parsed it and answers before the response is checked. */
export type HandlersOf<C extends { readonly [name: string]: CommandSpec }> = {
  [N in keyof C]: (request: z.output<C[N]['request']>) => Promise<z.output<C[N]['response']>>;
};

/** Any one command's handler, as the core holds a track's without knowing its commands. */
export type CommandHandler = (request: never) => Promise<unknown>;
