import { describe, expect, it } from 'vitest';
import { STATE_KEY, withStates } from './actions';

describe('the handover’s overlay', () => {
  it('sets the named jobs’ state in schedules:state and keeps the others and the rest of the overlay', () => {
    const first = withStates({ trafficTarget: 'aws' }, ['invoices'], 'ENABLED');
    expect(first).toEqual({ trafficTarget: 'aws', [STATE_KEY]: '{"invoices":"ENABLED"}' });
    const second = withStates(first, ['cleanup'], 'ENABLED');
    expect(JSON.parse(String(second[STATE_KEY]))).toEqual({ invoices: 'ENABLED', cleanup: 'ENABLED' });
    expect(JSON.parse(String(withStates(second, ['invoices', 'cleanup'], 'DISABLED')[STATE_KEY]))).toEqual({ invoices: 'DISABLED', cleanup: 'DISABLED' });
  });

  it('replaces a value it did not write', () => {
    expect(withStates({ [STATE_KEY]: 'not json' }, ['invoices'], 'DISABLED')).toEqual({ [STATE_KEY]: '{"invoices":"DISABLED"}' });
    expect(withStates({ [STATE_KEY]: '[1]' }, ['invoices'], 'DISABLED')).toEqual({ [STATE_KEY]: '{"invoices":"DISABLED"}' });
    expect(withStates(undefined, ['a'], 'ENABLED')).toEqual({ [STATE_KEY]: '{"a":"ENABLED"}' });
  });
});
