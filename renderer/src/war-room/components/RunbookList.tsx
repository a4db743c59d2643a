// The runbook's steps, each with its status in words; the current one stands out (aria-current) near the top, the
// steps above it summed up in one line (a wall does not scroll); the point of no return is marked. No confirmation
// form and no button: the wall only shows.
import { useRef } from 'react';
import type { CutoverRunView } from '../../../../main/api/contract';
import { useFitCount } from '../../hooks/use-fit-count';
import { currentStep, runbookWindow, stepStatusWords } from '../lib/runbook';

export function RunbookList({ run }: { run: CutoverRunView }) {
  const current = currentStep(run);
  const { earlier, shown } = runbookWindow(run);
  const list = useRef<HTMLOListElement>(null);
  const fit = useFitCount(list, shown.map(({ step }) => `${step.id}:${step.status}`).join(','));
  const more = shown.slice(fit);
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
      <ol className="wr-steps" aria-label="Runbook steps" ref={list}>
        {shown.map(({ step, index }, position) => (
          <li
            key={step.id}
            // Past what fits whole: kept in place (so the count stays measured) but not shown (war-room.css).
            data-clipped={position >= fit ? 'true' : undefined}
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
      {more.length > 0 ? (
        <p className="wr-steps-more" data-testid="wall-steps-more">
          {more.length === 1 ? `+1 more: step ${more[0]!.index + 1}` : `+${more.length} more: steps ${more[0]!.index + 1}–${more.at(-1)!.index + 1}`}
        </p>
      ) : null}
    </section>
  );
}
