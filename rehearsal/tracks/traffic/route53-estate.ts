// An account's Route 53 on the rehearsal clock: hosted zones, their record sets, and the changes that update them.
// What ListResourceRecordSets answers changes at once (as on AWS); what DNS answers — the record sets the traffic
// model routes by — changes when a change is INSYNC: `propagation` (default 10 simulated seconds) after it was
// submitted. A zone's changes go in sync in order (none before the one before it). A `traffic-change-pending` fault
// holds the changes submitted while it is active: they stay PENDING until it ends (then the normal delay from its
// end) or, without an end, until the faults are cleared (then the normal delay from the clearing).
import type { RehearsalClock } from '../../kernel/clock';
import { AwsError } from '../../kernel/errors';
import { hashString } from '../../kernel/random';
import { normalizeDnsName } from './dns-names';
import type { IdSource } from './ids';
import { applyChangeBatch, type BatchContext, type RecordChange, type RecordSet } from './route53-records';

export interface ZoneChange {
  readonly id: string;
  readonly zoneId: string;
  readonly submittedAt: number;
  readonly comment?: string;
  /** When DNS answers with it; undefined while a fault holds it without an end. */
  insyncAt: number | undefined;
  /** Whether a fault holds it (its time is set again when the faults are cleared). */
  held: boolean;
  /** The zone's record sets after it. */
  readonly records: readonly RecordSet[];
}

export interface HostedZone {
  readonly id: string;
  /** Normalized (lower case, trailing dot). */
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  readonly vpc?: { readonly region: string; readonly id: string };
  readonly nameServers: readonly string[];
  readonly createdAt: number;
  /** The record sets as the API answers them. */
  records: readonly RecordSet[];
  /** What DNS answered before the zone's first change. */
  readonly initialRecords: readonly RecordSet[];
  /** In order of submission. */
  readonly changes: ZoneChange[];
}

/** A fault holding a zone's changes: until when (null: until cleared). */
export interface ChangeHold {
  readonly until: number | null;
}

export interface Route53EstateOptions {
  readonly clock: RehearsalClock;
  readonly ids: IdSource;
  /** The propagation delay in simulated ms, read when a change is submitted (or released). */
  readonly propagationMs: () => number;
  /** The fault holding changes of `zone` submitted at `at`, if any. */
  readonly hold: (zone: HostedZone, at: number) => ChangeHold | undefined;
  readonly aliasTargetExists: BatchContext['aliasTargetExists'];
}

export const ZONE_ID = /^Z[A-Z0-9]{2,31}$/;

export class Route53Estate {
  readonly #options: Route53EstateOptions;
  readonly #zones: HostedZone[] = [];
  readonly #changes = new Map<string, ZoneChange>();

  constructor(options: Route53EstateOptions) {
    this.#options = options;
  }

  zones(): readonly HostedZone[] {
    return this.#zones;
  }

  /** The zone of an id (with or without `/hostedzone/`); NoSuchHostedZone (404) otherwise. */
  zone(id: string): HostedZone {
    const bare = id.replace(/^\/?hostedzone\//, '');
    const zone = this.#zones.find((candidate) => candidate.id === bare);
    if (!zone) throw new AwsError('NoSuchHostedZone', `No hosted zone found with ID: ${bare}`, 404);
    return zone;
  }

  /** CreateHostedZone: the zone with its SOA and NS record sets, and the change that creates it (PENDING). */
  createZone(input: { name: string; callerReference: string; comment?: string; vpc?: { region: string; id: string } }): {
    zone: HostedZone;
    change: ZoneChange;
  } {
    if (this.#zones.some((zone) => zone.callerReference === input.callerReference))
      throw new AwsError('HostedZoneAlreadyExists', 'A hosted zone has already been created with the specified caller reference.', 409);
    const zone = this.#addZone(this.#options.ids.route53('Z'), input.name, input.callerReference, input.comment, input.vpc);
    return { zone, change: this.#submit(zone, zone.records) };
  }

  /** A zone that exists from now on, in sync at once, with the id given (a plan names its zones by id) or a new one. */
  seedZone(name: string, id = this.#options.ids.route53('Z')): HostedZone {
    if (this.#zones.some((zone) => zone.id === id)) throw new AwsError('HostedZoneAlreadyExists', `A hosted zone with the ID ${id} exists already.`, 409);
    return this.#addZone(id, name, `rehearsal-seed-${id}`, undefined, undefined);
  }

  /** ChangeResourceRecordSets: validated and applied atomically; the change is PENDING until propagated. */
  changeRecords(zoneId: string, changes: readonly RecordChange[], comment?: string): ZoneChange {
    const zone = this.zone(zoneId);
    const records = applyChangeBatch(zone.records, changes, { zoneName: zone.name, aliasTargetExists: this.#options.aliasTargetExists });
    zone.records = records;
    return this.#submit(zone, records, comment);
  }

  /** The change of an id (with or without `/change/`); NoSuchChange (404) otherwise. */
  change(id: string): ZoneChange {
    const bare = id.replace(/^\/?change\//, '');
    const change = this.#changes.get(bare);
    if (!change) throw new AwsError('NoSuchChange', `A change with the specified change ID does not exist: ${bare}`, 404);
    return change;
  }

  status(change: ZoneChange, now: number): 'PENDING' | 'INSYNC' {
    return change.insyncAt !== undefined && change.insyncAt <= now ? 'INSYNC' : 'PENDING';
  }

  /** The record sets DNS answers for the zone at `at`: those of its last change in sync by then. */
  servedRecords(zone: HostedZone, at: number): readonly RecordSet[] {
    for (let i = zone.changes.length - 1; i >= 0; i--) {
      const change = zone.changes[i]!;
      if (change.insyncAt !== undefined && change.insyncAt <= at) return change.records;
    }
    return zone.initialRecords;
  }

  /** The faults ended at `now` (cleared): every held change goes in sync the normal delay from now, in order. */
  release(now: number): void {
    const delay = this.#options.propagationMs();
    for (const zone of this.#zones) {
      let previous: number | undefined = 0;
      for (const change of zone.changes) {
        const pending = change.insyncAt === undefined || change.insyncAt > now;
        if (pending) {
          // Held: the normal delay from now. Waiting only for an earlier held change: its own time, or its delay.
          const base = change.held ? now + delay : (change.insyncAt ?? change.submittedAt + delay);
          change.insyncAt = previous === undefined ? undefined : Math.max(base, previous);
          change.held = false;
        }
        previous = change.insyncAt;
      }
    }
  }

  #addZone(id: string, rawName: string, callerReference: string, comment: string | undefined, vpc: HostedZone['vpc']): HostedZone {
    const name = normalizeDnsName(rawName);
    const nameServers = vpc ? [] : delegationSet(id);
    const soaHost = vpc ? 'ns-0.awsdns-00.com.' : `${nameServers[0]}.`;
    const initialRecords: RecordSet[] = [
      { name, type: 'NS', ttl: 172_800, values: (vpc ? ['ns-0.awsdns-00.com', 'ns-512.awsdns-00.net'] : nameServers).map((server) => `${server}.`) },
      { name, type: 'SOA', ttl: 900, values: [`${soaHost} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`] },
    ];
    const zone: HostedZone = {
      id,
      name,
      callerReference,
      ...(comment !== undefined ? { comment } : {}),
      ...(vpc ? { vpc } : {}),
      nameServers,
      createdAt: this.#options.clock.now(),
      records: initialRecords,
      initialRecords,
      changes: [],
    };
    this.#zones.push(zone);
    return zone;
  }

  #submit(zone: HostedZone, records: readonly RecordSet[], comment?: string): ZoneChange {
    const submittedAt = this.#options.clock.now();
    const hold = this.#options.hold(zone, submittedAt);
    const delay = this.#options.propagationMs();
    let insyncAt: number | undefined = hold ? (hold.until === null ? undefined : hold.until + delay) : submittedAt + delay;
    const previous = zone.changes.at(-1);
    // A zone's changes go in sync in order.
    if (previous) insyncAt = previous.insyncAt === undefined || insyncAt === undefined ? undefined : Math.max(insyncAt, previous.insyncAt);
    const change: ZoneChange = {
      id: this.#options.ids.route53('C'),
      zoneId: zone.id,
      submittedAt,
      ...(comment !== undefined ? { comment } : {}),
      insyncAt,
      held: hold !== undefined,
      records,
    };
    zone.changes.push(change);
    this.#changes.set(change.id, change);
    return change;
  }
}

/** Four name servers of Route 53's shape (`ns-1234.awsdns-19.org`), drawn from the zone id. */
function delegationSet(zoneId: string): string[] {
  return ['com', 'net', 'org', 'co.uk'].map((tld, index) => {
    const server = (hashString(`${zoneId}:${tld}`) % 512) + index * 512;
    return `ns-${server}.awsdns-${String(Math.floor(server / 64) % 64).padStart(2, '0')}.${tld}`;
  });
}
