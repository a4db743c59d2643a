// The Schedules tab (TrackUi.tab): the slice and actions from the store, drawn by the pure SchedulesBoard; opened from
// a stack's panel, it brings that stack's jobs into view.
import { useEffect } from 'react';
import type { PlanView } from '../../../../../main/api/contract';
import { useSchedules, useSchedulesActions, type SchedulesSlice } from '../slice';
import { SchedulesBoard } from './SchedulesBoard';

export function SchedulesView({ plan }: { plan: PlanView | null }) {
  const slice = useSchedules(whole);
  const actions = useSchedulesActions();
  const focus = slice.focusStackId;
  useEffect(() => {
    if (focus === null) return;
    const stack = document.querySelector(`[data-schedules-stack="${CSS.escape(focus)}"]`);
    stack?.scrollIntoView({ block: 'start' });
  }, [focus]);
  return <SchedulesBoard plan={plan} slice={slice} actions={actions} />;
}

const whole = (slice: SchedulesSlice) => slice;
