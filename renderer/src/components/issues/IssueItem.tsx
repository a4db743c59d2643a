// One plan issue: where (file:line:column, full path on hover), severity, document path, message, and the
// offending source line with a caret under the column.
import type { PlanIssue } from '../../../../main/api/contract';
import { basename } from '../../lib/format';

/** Errors carry data-testid="plan-issue", warnings "plan-warning", so tests can count either. */
export function IssueItem({ issue, fileLevel = false }: { issue: PlanIssue; fileLevel?: boolean }) {
  const location = `${issue.line}:${issue.column}`;
  const shown = fileLevel ? basename(issue.file) : `${basename(issue.file)}:${location}`;
  return (
    <li className="issue" data-testid={issue.severity === 'error' ? 'plan-issue' : 'plan-warning'} data-severity={issue.severity}>
      <div className="issue-head">
        <span className="issue-severity">{issue.severity}</span>
        <span className="issue-location" title={fileLevel ? issue.file : `${issue.file}:${location}`}>
          {shown}
        </span>
        {issue.path ? <code className="issue-path">{issue.path}</code> : null}
      </div>
      <p className="issue-message">{issue.message}</p>
      {issue.excerpt !== undefined ? <Excerpt line={issue.line} column={issue.column} text={issue.excerpt} /> : null}
    </li>
  );
}

function Excerpt({ line, column, text }: { line: number; column: number; text: string }) {
  const gutter = String(line);
  // Keep tabs in the caret's indentation so it lines up under a tab-indented source line.
  const indent = text
    .slice(0, Math.max(0, column - 1))
    .replace(/[^\t]/g, ' ')
    .padEnd(Math.max(0, column - 1), ' ');
  return (
    <pre className="issue-excerpt" aria-label={`Line ${line}, column ${column}`}>
      <span className="excerpt-gutter">{gutter} │ </span>
      {text}
      {'\n'}
      <span className="excerpt-gutter">{' '.repeat(gutter.length)} │ </span>
      {indent}
      <span className="excerpt-caret">^</span>
    </pre>
  );
}
