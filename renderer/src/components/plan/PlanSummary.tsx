// Top of the plan view: description and the environment the plan runs against.
import type { PlanView } from '../../../../main/api/contract';

export function PlanSummary({ plan }: { plan: PlanView }) {
  const env = plan.environment;
  return (
    <section className="plan-summary" aria-label="Plan summary">
      {plan.description ? <p className="plan-description">{plan.description}</p> : null}
      <ul className="env-line" aria-label="Environment">
        <li>
          <span className="env-key">region</span> {env.region}
        </li>
        <li className={env.endpoint === 'rehearsal' ? 'env-rehearsal' : undefined}>{endpointText(env.endpoint)}</li>
        {env.profile ? (
          <li>
            <span className="env-key">profile</span> {env.profile}
          </li>
        ) : null}
        <li>
          <span className="env-key">backend</span> {env.backend}
        </li>
        <li>
          <span className="env-key">secrets</span> {env.secretsProvider}
        </li>
      </ul>
    </section>
  );
}

function endpointText(endpoint: string | null): string {
  if (endpoint === null) return 'AWS (default endpoints)';
  if (endpoint === 'rehearsal') return 'Rehearsal environment';
  return `endpoint ${endpoint}`;
}
