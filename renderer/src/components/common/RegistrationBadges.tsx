// Per registry of a stack: registered (with the id the registry gave it), not registered, or not known yet.
import type { PlanView, StackView } from '../../../../main/api/contract';

export type RegistrationState = 'yes' | 'no' | 'unknown';

export interface Registration {
  readonly registryId: string;
  readonly state: RegistrationState;
  readonly registrationId: string | null;
}

/** The stack's registries in plan order, each with what the stack's state last showed about it. */
export function registrationsOf(stack: StackView): Registration[] {
  return stack.registries.map((registryId) => {
    const status = stack.registrations?.find((entry) => entry.registryId === registryId);
    if (!status) return { registryId, state: 'unknown', registrationId: null };
    return { registryId, state: status.registrationId === null ? 'no' : 'yes', registrationId: status.registrationId };
  });
}

const MARKS: Record<RegistrationState, string> = { yes: '✓', no: '—', unknown: '?' };

export function registrationText(registration: Registration, registryName: string): string {
  if (registration.state === 'yes') return `Registered in ${registryName} as ${registration.registrationId ?? ''}`;
  if (registration.state === 'no') return `Not registered in ${registryName}`;
  return `Registration in ${registryName} not known yet`;
}

export function RegistrationBadges({ stack, registries }: { stack: StackView; registries: PlanView['registries'] }) {
  const list = registrationsOf(stack);
  if (list.length === 0) return null;
  return (
    <span className="registration-badges">
      {list.map((registration) => {
        const name = registries.find((registry) => registry.id === registration.registryId)?.name ?? registration.registryId;
        const text = registrationText(registration, name);
        return (
          <span
            key={registration.registryId}
            className="registration-badge"
            data-testid="registration-badge"
            data-registry={registration.registryId}
            data-registered={registration.state}
            title={text}
          >
            <span aria-hidden="true">
              {registration.registryId} {MARKS[registration.state]}
            </span>
            <span className="visually-hidden">{text}</span>
          </span>
        );
      })}
    </span>
  );
}
