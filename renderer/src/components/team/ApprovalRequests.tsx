// The approval requests this operator can decide (an approver, not the asker): what it is for, who asked when,
// what is given so far, and Approve / Refuse (a refusal needs its reason, which goes into the evidence pack).
import { useState } from 'react';
import type { TeamView } from '../../../../main/api/contract';
import { approvalSubject, approvalText } from '../../lib/team';
import { useActions } from '../../store/context';

type Request = Extract<TeamView, { mode: 'team' }>['approvals'][number];

const MIN_REASON = 10;

export function ApprovalRequests({ requests }: { requests: readonly Request[] }) {
  if (requests.length === 0) return null;
  return (
    <span className="team-approvals" role="list" aria-label="Approvals asked of you" data-testid="team-approvals">
      {requests.map((request) => (
        <ApprovalRequest key={request.requestId} request={request} />
      ))}
    </span>
  );
}

function ApprovalRequest({ request }: { request: Request }) {
  const { decideApproval } = useActions();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'refuse') => {
    setBusy(true);
    setError(await decideApproval(request.requestId, decision, decision === 'refuse' ? reason.trim() : undefined));
    setBusy(false);
  };
  return (
    <span className="team-approval" role="listitem" data-request={request.requestId} data-testid="team-approval">
      <strong>Approval asked for {approvalSubject(request)}</strong>
      <span>{approvalText(request)}</span>
      {refusing ? (
        <span className="team-approval-refuse">
          <label>
            Why refuse ({MIN_REASON}+ characters; it goes into the evidence pack)
            <input type="text" value={reason} onChange={(event) => setReason(event.target.value)} autoFocus aria-label="Reason for refusing" />
          </label>
          <button type="button" className="danger-outline" disabled={busy || reason.trim().length < MIN_REASON} onClick={() => void decide('refuse')}>
            Refuse
          </button>
          <button type="button" className="link-button" onClick={() => setRefusing(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <span className="button-row">
          <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
            Approve
          </button>
          <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
            Refuse…
          </button>
        </span>
      )}
      {error ? (
        <span className="team-approval-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
