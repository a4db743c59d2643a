// Where the cockpit acts and as whom (always, first), the team it works with (team mode), then connection loss and command failures, shown above the
// content until dismissed (or reconnected).
import { useActions, useCockpit } from '../../store/context';
import { EnvironmentBanner } from './EnvironmentBanner';
import { RejectedPlanBanner } from './RejectedPlanBanner';
import { TeamBanner } from './TeamBanner';

export function Banners() {
  const connection = useCockpit((state) => state.connection);
  const errors = useCockpit((state) => state.errors);
  const { dismissError } = useActions();
  return (
    <div className="banners">
      <EnvironmentBanner />
      <TeamBanner />
      <RejectedPlanBanner />
      {connection === 'reconnecting' ? (
        <div className="banner banner-warning" role="status" data-testid="connection-banner">
          <span className="banner-message">Disconnected from the cockpit core — reconnecting…</span>
        </div>
      ) : null}
      {errors.map((banner) => (
        <div key={banner.id} className="banner banner-error" role="alert" data-testid="error-banner">
          <span className="banner-message">{banner.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss error" onClick={() => dismissError(banner.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
