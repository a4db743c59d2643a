// What happens now: the current step (its status and time against its timeout), the run's message, who drives the
// wave and the approvals that wait. Read-only: a confirmation is given in the cockpit, never here.
import type { CutoverRunView, WaveView } from '../../../../main/api/contract';
import { useCockpit } from '../../store/context';
import { useCoreNow } from '../hooks';
import { currentStep, driverText, stepStatusWords, stepTimerText, waitingApprovals } from '../lib/runbook';

export function NowPanel({ wave, run }: { wave: WaveView; run: CutoverRunView }) {
  const team = useCockpit((state) => state.team);
  const coreNow = useCoreNow(wave.id);
  const current = currentStep(run);
  const timer = current ? stepTimerText(current.step, coreNow) : null;
  const driver = driverText(team, wave.id);
  const approvals = waitingApprovals(team, wave.id);
  return (
    <section className="wr-panel wr-now" aria-label="Current step" data-testid="wall-now">
      <h2 className="wr-panel-title">Current step</h2>
      {current ? (
        <div className="wr-current" data-status={current.step.status} data-testid="wall-current-step" data-step-id={current.step.id}>
          <p className="wr-current-name">
            <span className="wr-step-index">{current.index + 1}</span> {current.step.name}
          </p>
          <p className="wr-current-status" data-status={current.step.status}>
            {stepStatusWords(current.step)}
            {timer ? (
              <span className="wr-timer" data-over={timer.over} data-testid="wall-step-timer">
                {' '}
                · {timer.text}
              </span>
            ) : null}
          </p>
          {current.step.status === 'waiting' ? <p className="wr-detail-text">{current.step.description}</p> : null}
        </div>
      ) : run.runId === null && run.steps[0] ? (
        <div className="wr-current" data-status="pending" data-testid="wall-current-step" data-step-id={run.steps[0].id}>
          <p className="wr-current-name">
            <span className="wr-step-index">1</span> {run.steps[0].name}
          </p>
          <p className="wr-current-status">first step: the runbook has not started</p>
        </div>
      ) : (
        <p className="wr-note">No step runs now.</p>
      )}
      {run.message && !(run.rollback && run.status === 'succeeded') ? <p className="wr-detail-text wr-run-message">{run.message}</p> : null}
      {driver ? (
        <p className="wr-detail-text" data-testid="wall-driver">
          {driver}
        </p>
      ) : null}
      {approvals.map((text) => (
        <p key={text} className="wr-detail-text wr-approval" data-testid="wall-approval">
          {text}
        </p>
      ))}
    </section>
  );
}
