import { describe, expect, it } from 'vitest';
import { awsCallerShort, typedNameOf } from './journal-actor';

describe('journal actor', () => {
  it('shortens the AWS caller to its resource and account', () => {
    expect(awsCallerShort({ accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/Operator/alice' })).toBe('assumed-role/Operator/alice @ 111122223333');
    expect(awsCallerShort({ accountId: '111122223333', arn: 'odd' })).toBe('odd @ 111122223333');
  });

  it('finds the typed name beside the actor, preferring who confirmed a step', () => {
    expect(typedNameOf({ actor: 'alice@ws', details: { confirmedBy: 'Alice Operator', by: 'x' } })).toBe('Alice Operator');
    expect(typedNameOf({ actor: 'alice@ws', details: { by: 'Bob (on the bridge call)' } })).toBe('Bob (on the bridge call)');
  });

  it('has none when nothing was typed, or when the OS user stood in for it', () => {
    expect(typedNameOf({ actor: 'alice@ws' })).toBeNull();
    expect(typedNameOf({ actor: 'alice@ws', details: { by: 'alice' } })).toBeNull();
    expect(typedNameOf({ actor: 'alice@ws', details: { by: 42, reason: 'x' } })).toBeNull();
  });
});
