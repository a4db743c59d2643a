// The resources an operation touched. After a preview this is the diff: what a deploy would create, update,
// replace or delete, with the names of the properties that differ.
import type { OperationView } from '../../../../main/api/contract';
import { OpBadge } from './OpBadge';

export function StepList({ operation }: { operation: OperationView }) {
  const preview = operation.kind === 'preview';
  const steps = operation.steps.filter((step) => step.op !== 'same');
  if (steps.length === 0) {
    if (operation.status === 'running') return <p className="muted">Waiting for the engine…</p>;
    if (operation.status !== 'succeeded') return <p className="muted">No resource was touched.</p>;
    return <p className="muted">{preview ? 'No changes: a deploy would change nothing.' : 'No resources changed.'}</p>;
  }
  return (
    <ul className="diff-list" aria-label={preview ? 'Preview diff' : 'Resources'} data-testid={preview ? 'preview-diff' : 'operation-steps'}>
      {steps.map((step) => (
        <li key={step.urn} className="diff-row" data-testid={preview ? 'diff-row' : 'step-row'} data-op={step.op} data-step-status={step.status}>
          <OpBadge op={step.op} />
          <span className="diff-main">
            <span className="diff-name" title={step.urn}>
              {step.name}
            </span>
            <span className="diff-type">{step.type}</span>
            {step.diffs.length > 0 ? (
              <span className="diff-props">
                changes:{' '}
                {step.diffs.map((name, index) => (
                  <span key={name}>
                    {index > 0 ? ', ' : null}
                    <code>{name}</code>
                  </span>
                ))}
              </span>
            ) : null}
          </span>
          {!preview || step.status === 'failed' ? (
            <span className="step-status" data-step-status={step.status}>
              {step.status}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
