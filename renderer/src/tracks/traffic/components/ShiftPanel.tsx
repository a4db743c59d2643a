// A wave's shift on top of its services: its state as a pill and where it is ("step 2 of 4 — 25 % to AWS"), announced
// politely as they change; when it started and ended, its settings (analysis interval, abort target, failure limit),
// the engine's message (why it waits, why it ended); once it ended, what came after it when that changed where it left
// the weights (the wave's rollback, or a change made elsewhere), with where each service is now, so an old "completed at
// 100 %" never reads as the present; the step strip; the operator's controls (enabled while it runs, and kept after, so
// a refusal that crossed the shift's end stays readable); the abort when there was one; and every operator action with
// who and when.
import type { ServiceView, ShiftView } from '../../../../../main/tracks/traffic/contract';
import type { ClockRate } from '../../../lib/readiness';
import { isShiftRunning, operatorPaused, type ShiftCommand } from '../shifts';
import type { TrafficActions, TrafficRefusal, TrafficSent } from '../slice';
import {
  afterShiftText,
  currentStepText,
  operatorEventText,
  SHIFT_STATE_TONE,
  shiftSettingsText,
  shiftStateText,
  whenText,
  type ShiftRollback,
} from '../words';
import { AbortBox } from './AbortBox';
import { TonePill } from './Pill';
import { ShiftControls } from './ShiftControls';
import { StepStrip } from './StepStrip';

export interface ShiftPanelProps {
  shift: ShiftView;
  waveName: string;
  clock: ClockRate | null;
  pending: ShiftCommand | undefined;
  refusal: TrafficRefusal | undefined;
  sent: TrafficSent | undefined;
  actions: TrafficActions;
  stackName: (stackId: string) => string;
  /** The wave's services as the monitor reads them now (where the weights are since the shift). */
  services?: readonly ServiceView[];
  /** The wave's rollback of the run the shift was a step of, or null. */
  rollback?: ShiftRollback | null;
}

export function ShiftPanel({ shift, waveName, clock, pending, refusal, sent, actions, stackName, services = [], rollback = null }: ShiftPanelProps) {
  const running = isShiftRunning(shift.state);
  const paused = operatorPaused(shift);
  const after = afterShiftText(shift, services, rollback, stackName);
  return (
    <section
      className="trf-shift"
      aria-label={`Traffic shift of ${waveName}`}
      data-testid="traffic-shift"
      data-wave-id={shift.waveId}
      data-state={shift.state}
      data-paused={paused || undefined}
      data-running={running || undefined}
      data-after={after !== null ? (rollback ? 'rollback' : 'moved') : undefined}
    >
      <header className="trf-shift-head">
        <h4 className="trf-shift-title">
          {after === null ? 'Traffic shift' : rollback ? 'Last traffic shift (rolled back since)' : 'Last traffic shift (weights moved since)'}
        </h4>
        <div className="trf-shift-now" role="status" aria-live="polite" aria-atomic="true" data-testid="traffic-shift-now">
          <TonePill tone={paused ? 'unknown' : SHIFT_STATE_TONE[shift.state]} label={shiftStateText(shift)} testId="traffic-shift-state" />
          <strong className="trf-shift-step" data-testid="traffic-shift-step">
            {currentStepText(shift)}
          </strong>
        </div>
      </header>
      <p className="muted trf-shift-facts" data-testid="traffic-shift-facts">
        started {whenText(shift.startedAt, clock)} from {shift.fromPercent} % to AWS
        {shift.endedAt !== null ? ` · ended ${whenText(shift.endedAt, clock)}` : ''} · {shiftSettingsText(shift)}
      </p>
      {after !== null ? (
        <p className="trf-after-shift" role="status" data-testid="traffic-after-shift">
          {after}
        </p>
      ) : null}
      {shift.message !== null && shift.abort === null ? (
        <p className={running ? 'trf-shift-message count-warn' : 'trf-shift-message'} data-testid="traffic-shift-message">
          {shift.message}
        </p>
      ) : null}
      <StepStrip shift={shift} clock={clock} />
      <ShiftControls shift={shift} waveName={waveName} pending={pending} refusal={refusal} sent={sent} actions={actions} />
      <AbortBox shift={shift} clock={clock} stackName={stackName} />
      {shift.operator.length > 0 ? (
        <section className="trf-operator" aria-label="Operator actions" data-testid="traffic-operator">
          <h5 className="trf-section-title">Operator actions</h5>
          <ul className="trf-operator-list">
            {shift.operator.map((event, index) => (
              <li key={`${event.at}:${index}`} data-what={event.what}>
                {operatorEventText(event, clock)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
