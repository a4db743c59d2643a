// Team mode on every tab, under the environment banner: which migration and store this cockpit shares and who the
// operator is to the team; when the store is away, a warning that says what that means now (lib/team.ts).
import { teamBanner } from '../../lib/team';
import { useCockpit } from '../../store/context';

export function TeamBanner() {
  const team = useCockpit((state) => state.team);
  const model = teamBanner(team);
  if (!model) return null;
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
      </span>
    </div>
  );
}
