import { describe, expect, it } from 'vitest';
import { roleSessionName } from './session-name';

describe('roleSessionName', () => {
  it('is the operator as STS takes it: 2–64 of [\\w+=,.@-]', () => {
    expect(roleSessionName('alice@ws-17')).toBe('alice@ws-17');
    expect(roleSessionName('CORP\\bob smith@host')).toBe('CORP-bob-smith@host');
    expect(roleSessionName('x')).toBe('migration-cockpit-x');
    expect(roleSessionName('')).toBe('migration-cockpit-');
    const long = roleSessionName('a'.repeat(100));
    expect(long).toHaveLength(64);
    for (const name of ['ü@host', 'a/b', 'tab\there']) expect(roleSessionName(name)).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
