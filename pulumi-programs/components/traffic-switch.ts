// Where an application instance's users go: the Route 53 record of its service name, pointing at the data
// center endpoint while `trafficTarget` is `datacenter` and at AWS (the application server's private IP, or a
// configured address such as an ALB's DNS name) once it is `aws`. A cutover deploys with `trafficTarget: aws`,
// a rollback deploys with `datacenter` again: both are updates of this one record.
//
// Record type: A for an IPv4 address, AAAA for IPv6, CNAME for a host name. The record keeps its logical name
// whatever its type, so every switch is an update of the same resource, never a replacement:
// - same type (IP to IP, host name to host name): the provider UPSERTs the record's value in place;
// - type change (A <-> CNAME): Route 53 cannot UPSERT across types, and an A and a CNAME of the same name cannot
//   exist side by side, so a create-before-delete replacement would fail and a delete-before-replace one would
//   leave a gap in which resolvers get NXDOMAIN and cache it for the zone's negative TTL. `type` is not a
//   replace-forcing property of aws.route53.Record: on a type change the provider's update sends the DELETE of
//   the old record set and the CREATE of the new one in one ChangeResourceRecordSets batch, which Route 53
//   applies atomically (all or nothing). So no replaceOnChanges and no deleteBeforeReplace here: the only
//   replacements left are a change of the name or the hosted zone: the new record is created, and the old one,
//   retained (below), stays in Route 53 as it last was until it is removed by hand.
//
// allowOverwrite: the service name normally exists before the migration (the data center's own record), so the
// first deploy takes it over with an UPSERT instead of failing on "already exists". The existing record must then
// be of the type this component creates (an A record for an IP datacenterAddress, a CNAME for a host name):
// Route 53 refuses an UPSERT that would put a CNAME next to an A record of the same name.
//
// retainOnDelete: destroying the stack (a rollback of its first deploy, or dropping the DNS config) leaves the
// record in Route 53 as it last was. The name is the service's, in use since before the migration; taking it out
// of DNS would be an outage of the data center side. Removing it is a deliberate step outside the cockpit.
import { isIP } from 'node:net';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { checkInteger, ComponentArgumentError } from './validation';

export const TRAFFIC_SWITCH_TYPE = 'cockpit:migration:TrafficSwitch';

export const TRAFFIC_TARGETS = ['datacenter', 'aws'] as const;
export type TrafficTarget = (typeof TRAFFIC_TARGETS)[number];

export type ServiceRecordType = 'A' | 'AAAA' | 'CNAME';

export const DEFAULT_DNS_TTL = 60;
/** A day: a longer TTL would keep resolvers on the old side long after a switch. */
export const MAX_DNS_TTL = 86_400;

export interface TrafficSwitchArgs {
  /** Route 53 hosted zone id of the service name, e.g. `Z0123456789ABCDEFGHIJ`. */
  readonly zoneId: string;
  /** The service name, fully qualified: `app1101.example.com`. */
  readonly dnsName: string;
  readonly trafficTarget: TrafficTarget;
  /** The data center endpoint: an IP address or a fully qualified host name. */
  readonly datacenterAddress: string;
  /**
   * The AWS endpoint: a plain IP address or host name (e.g. an ALB's DNS name), or an Output that resolves to an
   * IPv4 address (the application server's private IP).
   */
  readonly awsAddress: pulumi.Input<string>;
  /** Seconds, 0–86400; default 60. */
  readonly ttl?: number;
}

/** Lower case, without the trailing dot of an absolute name. */
export function normalizeDnsName(value: string): string {
  return value.trim().replace(/\.$/, '').toLowerCase();
}

/** A fully qualified host name: two or more labels of letters, digits and inner hyphens; the last one not all digits. */
export function isHostName(value: string): boolean {
  const name = value.replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

/** The record type for an address: A (IPv4), AAAA (IPv6), CNAME (host name); undefined when it is neither. */
export function recordTypeOf(address: string): ServiceRecordType | undefined {
  const value = address.trim();
  const ip = isIP(value);
  if (ip === 4) return 'A';
  if (ip === 6) return 'AAAA';
  return isHostName(value) ? 'CNAME' : undefined;
}

/** The record's name if it lies in the zone (and is no CNAME at the apex); else a ComponentArgumentError on `dnsName`. */
export function checkNameInZone(component: string, dnsName: string, zoneId: string, zoneName: string, type: ServiceRecordType): string {
  const apex = normalizeDnsName(zoneName);
  if (dnsName !== apex && !dnsName.endsWith(`.${apex}`)) {
    throw new ComponentArgumentError(component, 'dnsName', `'${dnsName}' is not in the hosted zone ${zoneId} (${apex})`);
  }
  if (dnsName === apex && type === 'CNAME') {
    throw new ComponentArgumentError(
      component,
      'dnsName',
      `'${dnsName}' is the apex of zone ${zoneId}, where a CNAME is not allowed: point it at an IP address`,
    );
  }
  return dnsName;
}

export class TrafficSwitch extends pulumi.ComponentResource {
  readonly record: aws.route53.Record;
  readonly trafficTarget: TrafficTarget;
  /** The record type the current target needs. */
  readonly recordType: ServiceRecordType;
  /** The record's fully qualified name, as Route 53 has it. */
  readonly serviceDnsName: pulumi.Output<string>;
  /** What the record points at now: the data center's or the AWS address. */
  readonly recordTarget: pulumi.Output<string>;

  constructor(name: string, args: TrafficSwitchArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before super(): a bad argument registers nothing.
    const component = `${TRAFFIC_SWITCH_TYPE} ${name}`;
    if (!(TRAFFIC_TARGETS as readonly string[]).includes(args.trafficTarget)) {
      throw new ComponentArgumentError(component, 'trafficTarget', `must be one of ${TRAFFIC_TARGETS.join(', ')} (got '${String(args.trafficTarget)}')`);
    }
    if (!/^(\/hostedzone\/)?[A-Z0-9]{1,32}$/.test(args.zoneId)) {
      throw new ComponentArgumentError(component, 'zoneId', `must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (got '${args.zoneId}')`);
    }
    if (!isHostName(args.dnsName)) {
      throw new ComponentArgumentError(component, 'dnsName', `must be a fully qualified host name such as app1101.example.com (got '${args.dnsName}')`);
    }
    const dnsName = normalizeDnsName(args.dnsName);
    const ttl = checkInteger(component, 'ttl', args.ttl ?? DEFAULT_DNS_TTL, 0, MAX_DNS_TTL);
    const checkAddress = (field: string, address: string): { address: string; type: ServiceRecordType } => {
      const type = recordTypeOf(address);
      if (type === undefined) {
        throw new ComponentArgumentError(component, field, `must be an IP address or a fully qualified host name (got '${address}')`);
      }
      const value = type === 'CNAME' ? normalizeDnsName(address) : address.trim();
      if (type === 'CNAME' && value === dnsName) throw new ComponentArgumentError(component, field, `would point ${dnsName} at itself`);
      return { address: value, type };
    };
    const datacenter = checkAddress('datacenterAddress', args.datacenterAddress);
    // A plain AWS address is checked now, even while traffic stays in the data center: a typo must surface at a
    // routine deploy, not in the middle of the cutover. An Output (the server's private IP) is an IPv4 address.
    const awsSide: { address: pulumi.Input<string>; type: ServiceRecordType } =
      typeof args.awsAddress === 'string' ? checkAddress('awsAddress', args.awsAddress) : { address: args.awsAddress, type: 'A' };
    super(TRAFFIC_SWITCH_TYPE, name, {}, opts);

    this.trafficTarget = args.trafficTarget;
    const target = args.trafficTarget === 'aws' ? awsSide : datacenter;
    this.recordType = target.type;
    const recordValue = pulumi.output(target.address).apply((address) => {
      if (target.type === 'A' && isIP(address) !== 4) {
        throw new ComponentArgumentError(component, 'awsAddress', `resolved to '${address}', which is not an IPv4 address`);
      }
      return address;
    });

    // The name must lie in the zone: the provider appends the zone's name to any name outside it, so
    // `app1101.corp` in zone example.com would quietly become app1101.corp.example.com, and a switch would
    // move a name nobody uses. A CNAME cannot sit at the zone apex (it would shadow the zone's SOA and NS).
    const zone = aws.route53.getZoneOutput({ zoneId: args.zoneId }, { parent: this });
    const recordName = zone.name.apply((zoneName) => checkNameInZone(component, dnsName, args.zoneId, zoneName, target.type));

    this.record = new aws.route53.Record(
      `${name}-dns`,
      {
        zoneId: args.zoneId,
        name: recordName,
        type: target.type,
        ttl,
        records: [recordValue],
        allowOverwrite: true,
      },
      { parent: this, retainOnDelete: true },
    );

    this.serviceDnsName = this.record.fqdn;
    this.recordTarget = this.record.records.apply((records) => records?.[0] ?? '');
    this.registerOutputs({ trafficTarget: this.trafficTarget, serviceDnsName: this.serviceDnsName, recordTarget: this.recordTarget });
  }
}
