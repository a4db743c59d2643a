// Component resources of the cockpit's AWS programs. Importing this module loads @pulumi/aws: programs
// import it only on their AWS path (see network-foundation/index.ts), never when rehearsing.
export { ApplicationServer, APPLICATION_SERVER_TYPE, type ApplicationServerArgs } from './application-server';
export {
  TrafficSwitch,
  TRAFFIC_SWITCH_TYPE,
  TRAFFIC_TARGETS,
  DEFAULT_DNS_TTL,
  MAX_DNS_TTL,
  checkNameInZone,
  isHostName,
  normalizeDnsName,
  recordTypeOf,
  type ServiceRecordType,
  type TrafficSwitchArgs,
  type TrafficTarget,
} from './traffic-switch';
export { ComponentArgumentError } from './validation';
