import type { PlanIssue } from '../../../../main/api/contract';
import { IssueItem } from './IssueItem';

/** `fileLevel`: the issues are about the file as a whole (it was not read as a plan), so no line and column. */
export function IssueList({ issues, testId, fileLevel = false }: { issues: readonly PlanIssue[]; testId?: string; fileLevel?: boolean }) {
  return (
    <ol className="issue-list" data-testid={testId}>
      {issues.map((issue, index) => (
        <IssueItem key={`${issue.file}:${issue.line}:${issue.column}:${index}`} issue={issue} fileLevel={fileLevel} />
      ))}
    </ol>
  );
}
