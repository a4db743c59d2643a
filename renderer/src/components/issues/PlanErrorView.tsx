// Shown instead of the plan when the file has errors: nothing was loaded, here is why and where.
import type { PlanIssue } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import { IssueList } from './IssueList';
import { WarningsPanel } from './WarningsPanel';

export function PlanErrorView({ file, issues }: { file: string; issues: readonly PlanIssue[] }) {
  const { reload, setOpenDialogVisible } = useActions();
  const reloading = useCockpit((state) => state.busy.reload);
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  return (
    <section className="plan-invalid" aria-labelledby="plan-invalid-title">
      <h2 id="plan-invalid-title" className="invalid-title">
        This plan has {plural(errors.length, 'error')} and was not loaded
      </h2>
      <p className="invalid-file">
        <span className="muted">File</span> <code title={file}>{file}</code>
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void reload()} disabled={reloading} aria-busy={reloading}>
          Reload
        </button>
        <button type="button" onClick={() => setOpenDialogVisible(true)}>
          Open another plan…
        </button>
      </div>
      <IssueList issues={errors} testId="plan-errors" />
      <WarningsPanel warnings={warnings} />
    </section>
  );
}
