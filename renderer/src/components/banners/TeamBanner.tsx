// Team mode on every tab, under the environment banner: which migration and store this cockpit shares, who the
// operator is to the team, who else is on the plan, and who drives which wave, with the hand-over controls (ask the
// holder for control; as the holder, hand over to whoever asked, or release), and the approvals asked of this operator
// (approve, or refuse with a reason). When the store is away, a warning
// that says what that means now (lib/team.ts).
import { teamBanner, teamLockRows, teamPresence } from '../../lib/team';
import { useActions, useCockpit } from '../../store/context';
import { ApprovalRequests } from '../team/ApprovalRequests';

export function TeamBanner() {
  const team = useCockpit((state) => state.team);
  const { teamLock } = useActions();
  const model = teamBanner(team);
  if (!model || !team || team.mode !== 'team') return null;
  const present = teamPresence(team);
  const locks = teamLockRows(team);
  const canAct = team.me.roles.includes('operator') && team.connection.state === 'connected';
  return (
    <div
      className={`banner team-banner${model.tone === 'warning' ? ' banner-warning' : ''}`}
      data-tone={model.tone}
      role={model.tone === 'warning' ? 'alert' : 'status'}
      aria-label={model.label}
      data-testid="team-banner"
    >
      <span className="team-banner-label">{model.label}</span>
      <span className="banner-message">
        <span data-testid="team-text">{model.text}</span>
        {model.problem ? (
          <span className="team-banner-problem" data-testid="team-problem">
            {model.problem}
          </span>
        ) : null}
        {present ? <span data-testid="team-present">{present}</span> : null}
        <ApprovalRequests requests={team.approvals.filter((request) => request.canDecide)} />
        {locks.length > 0 ? (
          <span className="team-locks" role="list" aria-label="Wave locks" data-testid="team-locks">
            {locks.map((lock) => (
              <span key={lock.waveId} className="team-lock" role="listitem" data-wave={lock.waveId} data-mine={lock.mine} data-expired={lock.expired}>
                <span>{lock.text}</span>
                {canAct && lock.actions.includes('request') ? (
                  <button type="button" className="link-button" onClick={() => void teamLock('request', lock.waveId)}>
                    Ask for control
                  </button>
                ) : null}
                {canAct && lock.actions.includes('handOver') ? (
                  <button type="button" className="link-button" onClick={() => void teamLock('handOver', lock.waveId)}>
                    Hand over to {lock.requestedBy}
                  </button>
                ) : null}
                {canAct && lock.actions.includes('release') ? (
                  <button type="button" className="link-button" onClick={() => void teamLock('release', lock.waveId)}>
                    Release
                  </button>
                ) : null}
              </span>
            ))}
          </span>
        ) : null}
      </span>
    </div>
  );
}
