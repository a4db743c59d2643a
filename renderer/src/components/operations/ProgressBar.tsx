import type { OperationView } from '../../../../main/api/contract';
import { countsText, kindLabel, progressOf } from '../../lib/operations';

/** Resources finished over the total when known; an indeterminate bar while running without a total. */
export function ProgressBar({ operation }: { operation: OperationView }) {
  const progress = progressOf(operation);
  const text = countsText(operation);
  const known = progress.total !== null;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={`${kindLabel(operation.kind)} progress`}
      aria-valuemin={0}
      {...(known ? { 'aria-valuemax': progress.total ?? 0, 'aria-valuenow': progress.finished } : {})}
      aria-valuetext={text}
      data-indeterminate={progress.indeterminate || undefined}
      data-status={operation.status}
    >
      {progress.percent !== null ? <div className="progress-fill" style={{ width: `${progress.percent}%` }} /> : null}
    </div>
  );
}
