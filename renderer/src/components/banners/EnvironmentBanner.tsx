// Where am I, who am I: the environment banner on every tab. The rehearsal (purple) with its simulated AWS,
// account, region and clock rate; AWS (blue) or AWS production (red, strong) with the account, region and the caller
// identity STS reported; the operator's OS user always. When the identity is unknown (expired or refused
// credentials, none at all) it says why, and can ask the core to check again. Never blank: before the core
// answered, it says so. With accounts in the plan, one chip per account (production ones red), details on hover.
import { accountChips, environmentBanner } from '../../lib/environment';
import { useNow } from '../../hooks/use-now';
import { useActions, useCockpit } from '../../store/context';

export function EnvironmentBanner() {
  const environment = useCockpit((state) => state.environment);
  const checking = useCockpit((state) => state.busy.environment);
  const { refreshEnvironment } = useActions();
  // Ticks only while credentials with an expiry are in use, so the banner turns when they are about to expire.
  const expiresAt = environment?.credentialsExpireAt ? Date.parse(environment.credentialsExpireAt) : NaN;
  const now = useNow(Number.isFinite(expiresAt), 30_000);
  if (!environment) {
    return (
      <div className="banner env-banner" data-tone="unknown" role="status" data-testid="environment-banner">
        <span className="env-banner-label">Environment</span>
        <span className="banner-message">Asking the cockpit core where it acts…</span>
      </div>
    );
  }
  const model = environmentBanner(environment, now);
  const chips = accountChips(environment);
  return (
    <div
      className="banner env-banner"
      data-tone={model.tone}
      data-status={environment.status}
      role="region"
      aria-label={`Environment: ${model.label}`}
      data-testid="environment-banner"
    >
      <span className="env-banner-label" data-testid="environment-label">
        {model.label}
      </span>
      <span className="env-banner-text">
        <span className="env-banner-where" data-testid="environment-where">
          {model.where}
        </span>
        <span className="env-banner-who" data-testid="environment-who">
          {model.who}
        </span>
        {model.problem ? (
          <span
            className="env-banner-problem"
            data-severity={model.problemSeverity}
            role={model.problemSeverity === 'error' ? 'alert' : 'status'}
            data-testid="environment-problem"
          >
            {model.problem}
          </span>
        ) : null}
        {chips.length > 0 ? (
          <span className="env-banner-accounts" role="list" aria-label="Accounts" data-testid="environment-accounts">
            {chips.map((chip) => (
              <span
                key={chip.key}
                className="env-account"
                role="listitem"
                data-status={chip.status}
                data-production={chip.production || undefined}
                title={chip.title}
                data-testid="environment-account"
              >
                {chip.text} · {chip.state}
              </span>
            ))}
          </span>
        ) : null}
      </span>
      {model.canCheckAgain ? (
        <button
          type="button"
          onClick={() => void refreshEnvironment(true)}
          disabled={checking}
          aria-busy={checking}
          title="Ask STS again who the credentials belong to"
        >
          {checking ? 'Checking…' : 'Check again'}
        </button>
      ) : null}
    </div>
  );
}
