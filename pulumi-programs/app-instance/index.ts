// Program of an application-instance stack: the instance's infrastructure on AWS (server, MySQL target, DMS
// replication), and its registrations with the plan's metadata registries. In the rehearsal target the AWS
// part is left out: the AWS provider cannot run there, and @pulumi/aws is never even loaded.
import { cockpitConfig } from '../lib/cockpit-config';
import { Registration } from '../lib/registration';
import type * as AwsTarget from './aws';

const cockpit = cockpitConfig();

const deployed =
  cockpit.target === 'aws'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for the AWS target
      (require('./aws') as typeof AwsTarget).deployAws(cockpit)
    : undefined;

const registrations = cockpit.registrations.map(
  (target) => new Registration(`registration-${target.registryId}`, target),
);

/** registry id -> registration id, for the stack card and for `{{stack.output.*}}` users. */
export const registrationIds = Object.fromEntries(
  registrations.map((registration, index) => [cockpit.registrations[index]!.registryId, registration.registrationId]),
);
export const target = cockpit.target;
export const serverId = deployed?.serverId;
export const privateIp = deployed?.privateIp;
export const dbEndpoint = deployed?.dbEndpoint;
export const replicationTaskArn = deployed?.replicationTaskArn;
export const replicationTaskId = deployed?.replicationTaskId;
export const replicationTaskResourceId = deployed?.replicationTaskResourceId;
