// A shift's planned steps in order, each a cell: its number, its percent to AWS and its pause, where it stands in the
// run (skipped, promoted, ABORTED, now, to come) in words, and its decision with who made it and when (the analysis,
// the cockpit or the operator by name). The current step reads apart by its words and its border, not by colour alone;
// held by the operator, it says PAUSED and what resuming does, its dot the pause's.
import type { ShiftView } from '../../../../../main/tracks/traffic/contract';
import type { ClockRate } from '../../../lib/readiness';
import { operatorPaused, stepRows } from '../shifts';
import { stepDecisionText, stepPlanText, stepStatusTone, stepStatusWords } from '../words';
import { Dot } from './Pill';

export function StepStrip({ shift, clock }: { shift: ShiftView; clock: ClockRate | null }) {
  return (
    <ol className="trf-steps" aria-label={`Steps of the shift of wave ${shift.waveId}`} data-testid="traffic-steps">
      {stepRows(shift).map((row) => {
        const decision = stepDecisionText(row, shift, clock);
        return (
          <li
            key={row.number}
            className="trf-step"
            data-testid="traffic-step"
            data-step={row.number}
            data-status={row.status}
            data-paused={(row.status === 'current' && operatorPaused(shift)) || undefined}
          >
            <span className="trf-step-head">
              <Dot tone={stepStatusTone(row, shift)} />
              <strong>Step {row.number}</strong> <span className="trf-step-status">{stepStatusWords(row, shift)}</span>
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
