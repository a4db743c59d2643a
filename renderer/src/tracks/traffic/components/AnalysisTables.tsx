// A service's analysis in the wave's current or last shift: the thresholds its measurements are judged against, then
// one table per step reached (the current and an aborted one open, earlier ones folded), each measurement a row — its
// window (the table's head names the clock), requests, 5xx % against the maximum, mean response time against the
// maximum, healthy targets at the lowest against the minimum, unhealthy at the highest against the maximum, the
// verdict and its reasons. A number beyond its threshold says so in words ("2 % > max 1 %") besides its colour.
import type { ShiftView } from '../../../../../main/tracks/traffic/contract';
import type { ClockRate } from '../../../lib/readiness';
import { thresholdsOf, type MeasurementView, type ShiftStepRecord, type ThresholdsView } from '../shifts';
import {
  awsShareText,
  clockCaption,
  measurementCells,
  measurementsSummary,
  thresholdsText,
  VERDICT_TONE,
  VERDICT_WORDS,
  whenText,
  windowText,
  type MeasurementCell,
} from '../words';
import { TonePill } from './Pill';

export function AnalysisTables({ shift, stackId, service, clock }: { shift: ShiftView; stackId: string; service: string; clock: ClockRate | null }) {
  const thresholds = thresholdsOf(shift, stackId);
  const steps = shift.stepRecords.filter((step) => step.windows.length > 0 || (step.measurements[stackId]?.length ?? 0) > 0);
  const last = shift.stepRecords[shift.stepRecords.length - 1];
  return (
    <section className="trf-analysis" aria-label={`Analysis of ${service}`} data-testid="traffic-analysis">
      <h5 className="trf-section-title">Analysis in the shift started {whenText(shift.startedAt, clock)}</h5>
      <p className="trf-thresholds" data-testid="traffic-thresholds">
        <span className="trf-label">Thresholds</span> {thresholds ? thresholdsText(thresholds) : 'none: the shift does not move this service'}
      </p>
      {steps.length === 0 ? (
        <p className="muted">No step analysed yet: the analysis starts once a step’s weights are in sync.</p>
      ) : (
        steps.map((step) => (
          <StepTable
            key={step.step}
            step={step}
            of={shift.steps.length}
            measurements={step.measurements[stackId] ?? []}
            thresholds={thresholds}
            clock={clock}
            open={step === last || step.decision === 'aborted'}
          />
        ))
      )}
    </section>
  );
}

interface StepTableProps {
  step: ShiftStepRecord;
  of: number;
  measurements: readonly MeasurementView[];
  thresholds: ThresholdsView | null;
  clock: ClockRate | null;
  open: boolean;
}

function StepTable({ step, of, measurements, thresholds, clock, open }: StepTableProps) {
  const failed = measurements.some((measurement) => measurement.verdict === 'fail');
  return (
    <details className="trf-step-analysis" open={open} data-testid="traffic-step-analysis" data-step={step.step} data-failed={failed || undefined}>
      <summary>
        <strong>
          Step {step.step} of {of} — {awsShareText(step.percent)}
        </strong>{' '}
        <span className={failed ? 'count-bad' : 'muted'}>{measurementsSummary(measurements, step.windows.length)}</span>
      </summary>
      {measurements.length === 0 ? (
        <p className="muted">No measurement yet: each window is read once CloudWatch has its minutes.</p>
      ) : (
        <div className="trf-table-wrap">
          <table className="trf-table">
            <caption className="visually-hidden">
              Measurements of step {step.step} ({awsShareText(step.percent)}), times {clockCaption(clock)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Window ({clockCaption(clock)})</th>
                <th scope="col">Requests</th>
                <th scope="col">5xx</th>
                <th scope="col">Mean response</th>
                <th scope="col">Healthy (lowest)</th>
                <th scope="col">Unhealthy (highest)</th>
                <th scope="col">Verdict</th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {measurements.map((measurement) => {
                const cells = measurementCells(measurement, thresholds);
                return (
                  <tr key={measurement.from} data-testid="traffic-measurement" data-verdict={measurement.verdict}>
                    <th scope="row">
                      <time dateTime={measurement.from}>{windowText(measurement.from, measurement.to)}</time>
                    </th>
                    <Cell cell={cells.requests} />
                    <Cell cell={cells.errors} />
                    <Cell cell={cells.response} />
                    <Cell cell={cells.healthy} />
                    <Cell cell={cells.unhealthy} />
                    <td>
                      <TonePill tone={VERDICT_TONE[measurement.verdict]} label={VERDICT_WORDS[measurement.verdict]} />
                    </td>
                    <td className="trf-reasons">{measurement.reasons.length > 0 ? measurement.reasons.join('; ') : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function Cell({ cell }: { cell: MeasurementCell }) {
  return (
    <td data-mark={cell.mark ?? undefined} className={cell.mark === 'breach' ? 'count-bad' : cell.mark === 'short' ? 'count-warn' : undefined}>
      {cell.text}
    </td>
  );
}
