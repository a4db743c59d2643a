// A shift's planned steps in order, each a cell: its number, its percent to AWS and its pause, where it stands in the
// run (skipped, promoted, ABORTED, now, to come) in words, and its decision with who made it and when (the analysis,
// the cockpit or the operator by name). The current step reads apart by its words and its border, not by colour alone.
import type { ShiftView } from '../../../../../main/tracks/traffic/contract';
import type { ClockRate } from '../../../lib/readiness';
import { stepRows } from '../shifts';
import { STEP_STATUS_TONE, STEP_STATUS_WORDS, stepDecisionText, stepPlanText } from '../words';
import { Dot } from './Pill';

export function StepStrip({ shift, clock }: { shift: ShiftView; clock: ClockRate | null }) {
  return (
    <ol className="trf-steps" aria-label={`Steps of the shift of wave ${shift.waveId}`} data-testid="traffic-steps">
      {stepRows(shift).map((row) => {
        const decision = stepDecisionText(row, shift, clock);
        return (
          <li key={row.number} className="trf-step" data-testid="traffic-step" data-step={row.number} data-status={row.status}>
            <span className="trf-step-head">
              <Dot tone={STEP_STATUS_TONE[row.status]} />
              <strong>Step {row.number}</strong> <span className="trf-step-status">{STEP_STATUS_WORDS[row.status]}</span>
            </span>
            <span className="trf-step-plan">{stepPlanText(row)}</span>
            {decision !== null ? <span className="trf-step-decision">{decision}</span> : null}
            {row.record?.why ? <span className="trf-step-why muted">{row.record.why}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
