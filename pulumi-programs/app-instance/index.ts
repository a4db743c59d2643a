// Program of an application-instance stack: the instance's infrastructure on AWS (its server, its service
// name's record, and what each migration track adds: for DMS the MySQL target and the replication), and its
// registrations with the plan's metadata registries. In the rehearsal target the AWS part is replaced by its
// rehearsal counterpart (each track's, e.g. the DMS replication created in the rehearsal environment): the AWS
// provider cannot run there, and @pulumi/aws is never even loaded.
import { cockpitConfig } from '../lib/cockpit-config';
import { Registration } from '../lib/registration';
import type * as AwsTarget from './aws';
import { deployRehearsal } from './rehearsal';

const cockpit = cockpitConfig();

const deployed =
  cockpit.target === 'aws'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for the AWS target
      (require('./aws') as typeof AwsTarget).deployAws(cockpit)
    : deployRehearsal(cockpit);

const registrations = cockpit.registrations.map((target) => new Registration(`registration-${target.registryId}`, target));

/** registry id -> registration id, for the stack card and for `{{stack.output.*}}` users. */
const registrationIds = Object.fromEntries(registrations.map((registration, index) => [cockpit.registrations[index]!.registryId, registration.registrationId]));

// The stack outputs: the AWS ones exist only for the AWS target (an undefined output would only raise warnings).
// Assigned as a whole because which outputs exist depends on the target; the program is CommonJS.
module.exports = { target: cockpit.target, registrationIds, ...(deployed ?? {}) };
