// Team mode, on a wave whose cutover start needs approvals: where the approval stands (not asked, asked by whom and
// when with what is given, approved by whom, refused by whom and why) and, for an operator, Ask for approval. Start
// cutover uses a granted approval; the core refuses a start without one and says what is missing.
import { startApproval } from '../../lib/team';
import { useActions, useCockpit } from '../../store/context';

export function StartApproval({ waveId, needed, newRun }: { waveId: string; needed: number | undefined; newRun: boolean }) {
  const team = useCockpit((state) => state.team);
  const { requestApproval } = useActions();
  const model = startApproval(team, waveId, needed, newRun);
  if (!model) return null;
  return (
    <p className="runbook-approval" data-status={model.status} data-testid="runbook-approval">
      <span>{model.text}</span>
      {model.canAsk ? (
        <button type="button" className="link-button" onClick={() => void requestApproval(waveId)}>
          Ask for approval
        </button>
      ) : null}
    </p>
  );
}
