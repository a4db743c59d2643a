// The wire faults a scenario file or POST /_admin/faults declares (throttle, server-error, slow, hang), as zod
// options of the `faults:` union. A fault's `service` is one a ServiceDecl declares (or `all`), so the schema is
// built from the service names; tracks add their own fault kinds beside these options.
import { z } from 'zod';
import { Duration } from './duration';

const Fraction = z.number({ error: 'expected a fraction 0-1' }).min(0, { error: 'expected a fraction 0-1' }).max(1, { error: 'expected a fraction 0-1' });

/** "a, b or c" (or "a, b and c"). */
export function listInWords(words: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

/** The four wire fault kinds, for the given service names (a fault may also name `all`). */
export function wireFaultOptions(services: readonly string[]) {
  const names = [...services, 'all'];
  /** Calls a wire fault applies to: a service, optionally only some operations (e.g. DescribeReplicationTasks). */
  const WireMatch = {
    service: z.enum(names, { error: `expected ${listInWords(names)}` }).default('all'),
    operations: z.array(z.string().regex(/^[A-Z][A-Za-z]+$/, { error: 'expected an operation name such as DescribeReplicationTasks' })).optional(),
    /** Simulated time after the start (runtime injection: after now). */
    at: Duration.default(0),
    /** How long; omitted = until cleared. */
    for: Duration.optional(),
  };
  return [
    z.strictObject({ type: z.literal('throttle'), rate: Fraction, ...WireMatch }),
    z.strictObject({ type: z.literal('server-error'), rate: Fraction.default(1), ...WireMatch }),
    z.strictObject({ type: z.literal('slow'), delayMs: z.number().int().min(1).max(600_000), ...WireMatch }),
    z.strictObject({ type: z.literal('hang'), ...WireMatch }),
  ] as const;
}

export type WireFaultSpec = z.output<ReturnType<typeof wireFaultOptions>[number]>;

export const WIRE_FAULT_TYPES: readonly string[] = ['throttle', 'server-error', 'slow', 'hang'] satisfies readonly WireFaultSpec['type'][];

/** One fault option's `type` literal. */
export function faultTypeOf(option: z.ZodObject): string {
  return String((option.shape.type as z.ZodLiteral<string>).value);
}

/** The `faults:` entry schema over every option (wire faults and the tracks' kinds), with one message for an unknown type. */
export function faultSchema<const Options extends readonly [z.ZodObject, ...z.ZodObject[]]>(options: Options) {
  return z.discriminatedUnion('type', options, { error: `expected a fault with type ${listInWords(options.map(faultTypeOf))}` });
}
