import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { faultSchema, listInWords, wireFaultOptions } from './wire-fault-schema';

describe('fault schema', () => {
  const schema = faultSchema([...wireFaultOptions(['probe', 'cloudwatch']), z.strictObject({ type: z.literal('probe-outage') })]);
  const message = (input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

  it('takes the declared service names (or all), and says which', () => {
    expect(schema.parse({ type: 'throttle', rate: 0.5, service: 'probe' })).toMatchObject({ service: 'probe', at: 0 });
    expect(schema.parse({ type: 'hang' })).toMatchObject({ service: 'all' });
    expect(message({ type: 'throttle', rate: 0.5, service: 'dms' })).toBe('expected probe, cloudwatch or all');
  });

  it('lists every fault kind, the tracks’ after the wire faults, for an unknown type', () => {
    expect(schema.parse({ type: 'probe-outage' })).toEqual({ type: 'probe-outage' });
    expect(message({ type: 'meteor' })).toBe('expected a fault with type throttle, server-error, slow, hang or probe-outage');
  });

  it('words lists as operators read them', () => {
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});
