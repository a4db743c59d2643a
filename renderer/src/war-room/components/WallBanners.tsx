// What the room must not miss above everything else: the link to the cockpit core is down (the screen shows old
// data, and from when), or the team store is away (lib/team.ts teamBanner's words). Text only: the hand-over and
// approval controls are the cockpit's.
import { useSyncExternalStore } from 'react';
import { teamBanner } from '../../lib/team';
import { useCockpit } from '../../store/context';
import type { LastData } from '../last-data';
import { connectionProblem } from '../lib/connection';

export function WallBanners({ lastData }: { lastData: LastData }) {
  const connection = useCockpit((state) => state.connection);
  const team = useCockpit((state) => state.team);
  const lastDataAt = useSyncExternalStore(lastData.subscribe, lastData.get);
  const problem = connectionProblem(connection, lastDataAt);
  const store = teamBanner(team);
  return (
    <>
      {problem ? (
        <div className="wr-banner" data-kind="connection" role="alert" data-testid="wall-disconnected">
          {problem}
        </div>
      ) : null}
      {store && store.tone === 'warning' ? (
        <div className="wr-banner" data-kind="team" role="alert" data-testid="wall-team-problem">
          <strong>{store.label}.</strong> {store.problem}
        </div>
      ) : null}
    </>
  );
}
