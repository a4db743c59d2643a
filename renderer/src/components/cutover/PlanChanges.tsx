import type { CutoverRunView } from '../../../../main/api/contract';

/** The plan's wave changed since the run started: the run keeps its own runbook and stacks, and says so. */
export function PlanChanges({ run }: { run: CutoverRunView }) {
  const ended = run.status === 'succeeded' || run.status === 'aborted';
  return (
    <div className="runbook-plan-changes" data-testid="runbook-plan-changes">
      <strong>
        {ended
          ? "The plan's runbook for this wave differs from the one this run used:"
          : 'The plan changed since this run started. This run keeps the runbook and stacks it started with; a new run takes the plan’s:'}
      </strong>
      <ul>
        {run.planChanges.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
    </div>
  );
}
