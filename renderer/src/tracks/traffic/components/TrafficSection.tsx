// The stack detail panel's section of the stack's traffic service, for a stack that has one (nothing for one
// without): one line with its share to AWS and weights, its AWS targets' health, a pending Route 53 change and the
// shift that moves it (running, or how the last one ended, and the wave's rollback after it), and the way to the
// service on the tab.
import { useMemo } from 'react';
import type { MonitorStatusView, PlanView, StackView } from '../../../../../main/api/contract';
import type { ServiceView, ShiftView } from '../../../../../main/tracks/traffic/contract';
import { servicesOfStack, shiftOfService } from '../services';
import { useCockpit } from '../../../store/context';
import { isShiftRunning, operatorPaused, shiftRollbacks } from '../shifts';
import { useTraffic, useTrafficActions } from '../slice';
import { healthTone, SHIFT_STATE_TONE, stackLine, type ShiftRollback, type Tone } from '../words';
import { Dot } from './Pill';

export function TrafficSection({ stack }: { plan: PlanView; stack: StackView }) {
  const all = useTraffic((slice) => slice.services);
  const shifts = useTraffic((slice) => slice.shifts);
  const monitor = useTraffic((slice) => slice.monitor);
  const runs = useCockpit((state) => state.cutover.runs);
  const { openTraffic } = useTrafficActions();
  const services = useMemo(() => servicesOfStack(all, stack.id), [all, stack.id]);
  const rollbacks = useMemo(() => shiftRollbacks(shifts, runs), [shifts, runs]);
  if (services.length === 0) return null;
  return (
    <TrafficSummary
      stackName={stack.name}
      services={services.map((view) => {
        const shift = shiftOfService(shifts, view);
        return { view, shift, rollback: shift ? (rollbacks[shift.waveId] ?? null) : null };
      })}
      monitor={monitor}
      onOpen={() => openTraffic(stack.id)}
    />
  );
}

export interface TrafficSummaryProps {
  stackName: string;
  services: readonly { readonly view: ServiceView; readonly shift: ShiftView | null; readonly rollback?: ShiftRollback | null }[];
  monitor: MonitorStatusView | null;
  onOpen: () => void;
}

/** The section's content. */
export function TrafficSummary({ stackName, services, monitor, onOpen }: TrafficSummaryProps) {
  const clock = monitor?.dataClock ?? null;
  return (
    <section aria-label={`Traffic of ${stackName}`} data-testid="traffic-summary">
      <h3>Traffic</h3>
      <ul className="trf-summary-list">
        {services.map(({ view, shift, rollback = null }) => (
          <li key={view.stackId} data-testid="traffic-summary-service" data-shift-state={shift?.state} data-rolled-back={rollback?.status}>
            <Dot tone={lineTone(view, shift)} />
            <code>{view.service}</code>: {stackLine(view, shift, clock, rollback)}
          </li>
        ))}
      </ul>
      <button type="button" className="link-button trf-open" onClick={onOpen} title={`Weights, health, requests and the shift of ${stackName}`}>
        Traffic of {stackName} →
      </button>
    </section>
  );
}

/** The line's dot: the running (or failed) shift's tone, else the AWS targets' health. */
function lineTone(view: ServiceView, shift: ShiftView | null): Tone {
  if (shift && (isShiftRunning(shift.state) || shift.state === 'failed' || shift.state === 'aborted'))
    return operatorPaused(shift) ? 'unknown' : SHIFT_STATE_TONE[shift.state];
  return healthTone(view.targets.aws);
}
