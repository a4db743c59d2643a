// The runbook's steps, each with its status in words; the current one stands out (aria-current) near the top, the
// steps above it summed up in one line (a wall does not scroll); the point of no return is marked. No confirmation
// form and no button: the wall only shows.
import type { CutoverRunView } from '../../../../main/api/contract';
import { currentStep, runbookWindow, stepStatusWords } from '../lib/runbook';

export function RunbookList({ run }: { run: CutoverRunView }) {
  const current = currentStep(run);
  const { earlier, shown } = runbookWindow(run);
  return (
    <section className="wr-panel wr-runbook" aria-label="Runbook" data-testid="wall-runbook">
      <h2 className="wr-panel-title">
        Runbook <span className="wr-panel-count">{run.steps.length} steps</span>
      </h2>
      {earlier ? (
        <p className="wr-steps-earlier" data-testid="wall-steps-earlier">
          {earlier}
        </p>
      ) : null}
      <ol className="wr-steps" aria-label="Runbook steps">
        {shown.map(({ step, index }) => (
          <li
            key={step.id}
            className="wr-step"
            data-status={step.status}
            data-step-id={step.id}
            aria-current={current?.step.id === step.id ? 'step' : undefined}
            data-testid="wall-step"
          >
            <span className="wr-step-index">{index + 1}</span>
            <span className="wr-step-name">
              {step.name}
              {step.pointOfNoReturn ? <span className="wr-step-no-return"> · point of no return</span> : null}
            </span>
            <span className="wr-step-status" data-status={step.status}>
              {stepStatusWords(step)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
