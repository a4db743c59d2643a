// Shown instead of the plan when the file has errors: nothing was loaded, here is why and where. A file that is not
// a plan at all (refused) is said so plainly: reading it again cannot help, opening another plan can.
import type { PlanIssue } from '../../../../main/api/contract';
import { basename, formatUtcSeconds, plural } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import { IssueList } from './IssueList';
import { WarningsPanel } from './WarningsPanel';

export function PlanErrorView({ file, issues, refused }: { file: string; issues: readonly PlanIssue[]; refused: boolean }) {
  const { reload, setOpenDialogVisible } = useActions();
  const reloading = useCockpit((state) => state.busy.reload);
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  const loadedAt = useCockpit((state) => (state.snapshot?.status === 'invalid' ? state.snapshot.loadedAt : null));
  const reloadButton = (
    <button type="button" className={refused ? undefined : 'primary'} onClick={() => void reload()} disabled={reloading} aria-busy={reloading}>
      {refused ? 'Try again' : 'Reload'}
    </button>
  );
  const openButton = (
    <button type="button" className={refused ? 'primary' : undefined} onClick={() => setOpenDialogVisible(true)}>
      Open another plan…
    </button>
  );
  return (
    <section className="plan-invalid" aria-labelledby="plan-invalid-title">
      <h2 id="plan-invalid-title" className="invalid-title">
        {refused ? `Could not open ${basename(file)}: it is not a plan file` : `This plan has ${plural(errors.length, 'error')} and was not loaded`}
      </h2>
      <p className="invalid-file">
        <span className="muted">File</span> <code title={file}>{file}</code>
        {loadedAt ? <span className="muted"> · read at {formatUtcSeconds(loadedAt)}</span> : null}
      </p>
      <div className="button-row">
        {refused ? openButton : reloadButton}
        {refused ? reloadButton : openButton}
      </div>
      <IssueList issues={errors} testId="plan-errors" fileLevel={refused} />
      <WarningsPanel warnings={warnings} />
    </section>
  );
}
