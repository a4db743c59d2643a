// Program of an application-instance stack: the instance's infrastructure (on AWS, or its counterparts in the
// rehearsal environment) and its registrations with the plan's metadata registries.
import { cockpitConfig } from '../lib/cockpit-config';
import { Registration } from '../lib/registration';

const cockpit = cockpitConfig();

const registrations = cockpit.registrations.map(
  (target) => new Registration(`registration-${target.registryId}`, target),
);

/** registry id -> registration id, for the stack card and for `{{stack.output.*}}` users. */
export const registrationIds = Object.fromEntries(
  registrations.map((registration, index) => [cockpit.registrations[index]!.registryId, registration.registrationId]),
);
export const target = cockpit.target;
