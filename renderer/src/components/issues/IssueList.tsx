import type { PlanIssue } from '../../../../main/api/contract';
import { IssueItem } from './IssueItem';

export function IssueList({ issues, testId }: { issues: readonly PlanIssue[]; testId?: string }) {
  return (
    <ol className="issue-list" data-testid={testId}>
      {issues.map((issue, index) => (
        <IssueItem key={`${issue.file}:${issue.line}:${issue.column}:${index}`} issue={issue} />
      ))}
    </ol>
  );
}
