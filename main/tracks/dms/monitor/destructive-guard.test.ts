import { describe, expect, it } from 'vitest';
import { destructiveRefusal, needsOverride } from './destructive-guard';

describe('data-destroying task control', () => {
  it('needs the task identifier typed for reload-target and reload-tables-data only', () => {
    expect(destructiveRefusal({ action: 'stop', taskId: 'app1-mysql' })).toBeNull();
    expect(destructiveRefusal({ action: 'reload-tables-validate', taskId: 'app1-mysql' })).toBeNull();
    expect(destructiveRefusal({ action: 'reload-target', taskId: 'app1-mysql' })).toBe(
      "reload-target truncates target tables of app1-mysql: type the task's identifier 'app1-mysql' to confirm",
    );
    expect(destructiveRefusal({ action: 'reload-tables-data', taskId: 'app1-mysql', confirm: 'app1' })).toMatch(/type the task's identifier/);
    expect(destructiveRefusal({ action: 'reload-target', taskId: 'app1-mysql', confirm: ' app1-mysql ' })).toBeNull();
  });

  it('after the wave cut over (or while it cuts over) it also needs an override with a reason', () => {
    const typed = { action: 'reload-target' as const, taskId: 'app1-mysql', confirm: 'app1-mysql' };
    expect(destructiveRefusal({ ...typed, wavePhase: 'ready' })).toBeNull();
    expect(destructiveRefusal({ ...typed, wavePhase: 'rolled-back' })).toBeNull();
    expect(destructiveRefusal({ ...typed, wavePhase: 'cut-over' })).toMatch(
      /would overwrite the application's live data on AWS: it needs an override with a typed reason/,
    );
    expect(destructiveRefusal({ ...typed, wavePhase: 'cutover-in-progress', override: { reason: 'reload after the DBA restored the target' } })).toBeNull();
    expect(needsOverride('reload-target', 'finalized')).toBe(true);
    expect(needsOverride('stop', 'finalized')).toBe(false);
    expect(needsOverride('reload-target', undefined)).toBe(false);
  });

  it('holds back starting or resuming a forward task once its wave cut over (it would write data-center changes into the live database), never a reverse task', () => {
    expect(destructiveRefusal({ action: 'resume', taskId: 'app1-mysql', wavePhase: 'ready' })).toBeNull();
    expect(destructiveRefusal({ action: 'resume', taskId: 'app1-mysql', wavePhase: 'cut-over' })).toBe(
      "resume of app1-mysql after its wave's cutover (cut-over) would replicate data-center changes into the application's live database on AWS: it needs an override with a typed reason",
    );
    expect(destructiveRefusal({ action: 'start', taskId: 'app1-mysql', wavePhase: 'finalized' })).toMatch(/needs an override/);
    expect(
      destructiveRefusal({ action: 'resume', taskId: 'app1-mysql', wavePhase: 'cut-over', override: { reason: 'the DBA re-seeds the target' } }),
    ).toBeNull();
    expect(destructiveRefusal({ action: 'start', taskId: 'app1-reverse', wavePhase: 'cut-over', reverse: true })).toBeNull();
    expect(needsOverride('resume', 'cut-over')).toBe(true);
    expect(needsOverride('resume', 'cut-over', true)).toBe(false);
    expect(needsOverride('stop', 'cut-over')).toBe(false);
  });
});
