import { PulumiCommand } from '@pulumi/pulumi/automation';
import { describe, expect, it } from 'vitest';
import { internalRunOf } from './engine-command';

describe('the Automation API internals engine-command relies on', () => {
  it('finds PulumiCommand.run in the pinned @pulumi/pulumi', () => {
    // Every CLI command of Stack and LocalWorkspace goes through it; if an upgrade drops it, this fails first.
    expect(typeof internalRunOf(Object.create(PulumiCommand.prototype) as object)).toBe('function');
  });

  it('says what is wrong when a version lacks it', () => {
    expect(() => internalRunOf({})).toThrow(/no PulumiCommand.run/);
  });
});
