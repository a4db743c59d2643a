// The scheduled-jobs track's renderer part: its tab ("Schedules"), its stack-panel section, the words of its runbook
// action and journal kinds, its events owned and no other track's. That the list composes it with the core UI (one
// id, a tab of its own, no step type or journal kind without words) is renderer/src/tracks/tracks.test.ts's.
import { describe, expect, it } from 'vitest';
import { SCHEDULES_ACTION_TYPES } from '../../../../common/tracks/schedules';
import { OPERATION_KINDS } from '../../../../main/journal/entry';
import { trackJournalKind, trackStepLabel } from '../../seam/contributions';
import { schedulesMonitor } from './schedules-fixtures';
import { NO_SCHEDULES } from './slice';
import { schedulesUi } from './ui';

describe('the scheduled-jobs track in the renderer', () => {
  it('has its Schedules tab and its stack-panel section', () => {
    expect(schedulesUi.id).toBe('schedules');
    expect(schedulesUi.tab?.view).toBe('schedules');
    expect(schedulesUi.tab?.label).toBe('Schedules');
    expect(schedulesUi.stackSection).toBeDefined();
  });

  it('says its runbook action and journal kinds in words', () => {
    for (const type of SCHEDULES_ACTION_TYPES) expect(trackStepLabel([schedulesUi], type), type).toBeTruthy();
    for (const kind of OPERATION_KINDS.filter((kind) => kind.startsWith('schedules-'))) expect(trackJournalKind([schedulesUi], kind), kind).toBeTruthy();
  });

  it("owns the schedules.* events only, and reports its monitor's data clock", () => {
    expect(schedulesUi.owns({ type: 'schedules.jobs', jobs: [] })).toBe(true);
    expect(schedulesUi.owns({ type: 'keyspaces.stacks', stacks: [] })).toBe(false);
    expect(schedulesUi.dataClock?.(NO_SCHEDULES)).toBeNull();
    expect(schedulesUi.dataClock?.({ ...NO_SCHEDULES, monitor: schedulesMonitor(10) })).toEqual(schedulesMonitor(10).dataClock);
  });
});
