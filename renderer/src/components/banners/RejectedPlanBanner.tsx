// A plan file the cockpit could not use while a plan runs: the loaded plan keeps running (stacks, monitor,
// runbooks), and this banner on every tab says so, since when, and why (the errors, with their locations, on
// demand). A bad edit of the plan's own file clears itself once the file is valid; a bad file opened can be
// dismissed here.
import { useState } from 'react';
import type { RejectedPlanFile } from '../../../../main/api/contract';
import { basename, formatUtcSeconds, plural } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import { IssueList } from '../issues/IssueList';
import { errorsShown, toggleErrors } from './rejected-plan-errors';

export function RejectedPlanBanner() {
  const loaded = useCockpit((state) => (state.snapshot?.status === 'loaded' ? state.snapshot : null));
  const [dismissed, setDismissed] = useState<string | null>(null);
  // Open on one tab only: switching tabs collapses the list (rejected-plan-errors.ts).
  const view = useCockpit((state) => state.view);
  const [openedOn, setOpenedOn] = useState<string | null>(null);
  const expanded = errorsShown(openedOn, view);
  const { reload } = useActions();
  const reloading = useCockpit((state) => state.busy.reload);
  const rejected = loaded?.rejected;
  if (!loaded || !rejected || dismissed === rejected.readAt) return null;
  const errors = rejected.issues.filter((issue) => issue.severity === 'error');
  return (
    <div className="banner banner-error rejected-plan" role="alert" data-testid="rejected-plan-banner">
      <div className="rejected-plan-head">
        <span className="banner-message">{message(rejected, loaded.plan.name, loaded.loadedAt, errors.length)}</span>
        <button type="button" aria-expanded={expanded} onClick={() => setOpenedOn(toggleErrors(openedOn, view))}>
          {expanded ? 'Hide errors' : `Show ${plural(errors.length, 'error')}`}
        </button>
        {rejected.kind === 'edit' ? (
          <button type="button" onClick={() => void reload()} disabled={reloading} aria-busy={reloading}>
            Read the file again
          </button>
        ) : (
          <button type="button" onClick={() => setDismissed(rejected.readAt)}>
            Dismiss
          </button>
        )}
      </div>
      {expanded ? (
        <div className="rejected-plan-issues">
          <IssueList issues={errors} testId="plan-errors" fileLevel={rejected.refused === true} />
        </div>
      ) : null}
    </div>
  );
}

function message(rejected: RejectedPlanFile, planName: string, loadedAt: string, errors: number): string {
  const file = basename(rejected.file);
  const problem = rejected.refused ? 'it is not a plan file' : plural(errors, 'error');
  if (rejected.kind === 'edit') {
    return `The plan file ${file} changed on disk and has ${problem} since ${formatUtcSeconds(rejected.since)} (last read ${formatUtcSeconds(rejected.readAt)}). The cockpit keeps running on "${planName}" as loaded at ${formatUtcSeconds(loadedAt)}, and switches when the file is valid.`;
  }
  return `Could not open ${file}: ${problem} (read at ${formatUtcSeconds(rejected.readAt)}). The cockpit keeps running on "${planName}".`;
}
