// The Traffic tab (TrackUi.tab): the slice and actions from the store, and each shift's run's rollback from the
// cutover's runs, drawn by the pure TrafficBoard; opened from a stack's panel, it brings that stack's service into view.
import { useEffect, useMemo } from 'react';
import type { PlanView } from '../../../../../main/api/contract';
import { useCockpit } from '../../../store/context';
import { shiftRollbacks } from '../shifts';
import { useTraffic, useTrafficActions, type TrafficSlice } from '../slice';
import { TrafficBoard } from './TrafficBoard';

export function TrafficView({ plan }: { plan: PlanView | null }) {
  const slice = useTraffic(whole);
  const actions = useTrafficActions();
  const runs = useCockpit((state) => state.cutover.runs);
  const rollbacks = useMemo(() => shiftRollbacks(slice.shifts, runs), [slice.shifts, runs]);
  const focus = slice.focusStackId;
  useEffect(() => {
    if (focus === null) return;
    const service = document.querySelector(`[data-traffic-stack="${CSS.escape(focus)}"]`);
    service?.scrollIntoView({ block: 'start' });
  }, [focus]);
  return <TrafficBoard plan={plan} slice={slice} actions={actions} rollbacks={rollbacks} />;
}

const whole = (slice: TrafficSlice) => slice;
