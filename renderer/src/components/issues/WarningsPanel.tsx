// A loaded plan's warnings, collapsed by default.
import type { PlanIssue } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { IssueList } from './IssueList';

export function WarningsPanel({ warnings }: { warnings: readonly PlanIssue[] }) {
  if (warnings.length === 0) return null;
  return (
    <details className="warnings-panel" data-testid="plan-warnings">
      <summary>{plural(warnings.length, 'warning')}</summary>
      <IssueList issues={warnings} />
    </details>
  );
}
