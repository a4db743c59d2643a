import { describe, expect, it } from 'vitest';
import { osUserName } from './use-operator-name';

describe('the operator name offered before one was typed', () => {
  it('is the user part of the core’s OS user', () => {
    expect(osUserName('ops@bastion-1')).toBe('ops');
    expect(osUserName('svc@corp@host')).toBe('svc@corp');
    expect(osUserName('ops')).toBe('ops');
    expect(osUserName(null)).toBe('');
    expect(osUserName('')).toBe('');
  });
});
