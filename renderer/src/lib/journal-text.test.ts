import { describe, expect, it } from 'vitest';
import { journalKindText, journalPhaseShown, journalTargetText } from './journal-text';

const names = { waveName: (id: string) => (id === 'wave-1' ? 'Pilot: internal tools' : undefined) };

describe('journalTargetText', () => {
  it('names stacks, waves and steps as the plan does', () => {
    expect(journalTargetText({ type: 'stack', stackId: 'platform-production/app1101' }, names)).toBe('platform-production/app1101');
    expect(journalTargetText({ type: 'wave', waveId: 'wave-1' }, names)).toBe('Pilot: internal tools (wave-1)');
    expect(journalTargetText({ type: 'wave', waveId: 'wave-9' }, names)).toBe('wave wave-9');
    expect(journalTargetText({ type: 'cutover-step', waveId: 'wave-1', stepId: 'announce' }, names)).toBe('Pilot: internal tools (wave-1) · step announce');
  });
});

describe('journalKindText', () => {
  it('names the undo of a wave deploy as the Plan tab does, apart from the cutover rollback', () => {
    expect(journalKindText('wave-rollback')).toBe('Undo wave deploy');
    expect(journalKindText('wave-deploy')).toBe('Wave deploy');
    expect(journalKindText('cutover-rollback')).toBe('Cutover rollback');
    expect(journalKindText('up')).toBe('Deploy');
  });
});

describe('the phase a journal entry shows', () => {
  it('reads a cutover snapshot as a record, not a green outcome, and every other entry by its phase', () => {
    expect(journalPhaseShown({ kind: 'cutover-snapshot', phase: 'succeeded' })).toEqual({ phase: 'recorded', label: 'recorded' });
    expect(journalPhaseShown({ kind: 'cutover-step', phase: 'failed' })).toEqual({ phase: 'failed', label: 'failed' });
    expect(journalPhaseShown({ kind: 'up', phase: 'succeeded' })).toEqual({ phase: 'succeeded', label: 'succeeded' });
  });
});
