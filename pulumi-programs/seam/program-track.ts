// The seam between an application-instance program and the migration tracks it carries (DMS, Keyspaces, scheduled
// jobs, traffic): each track adds its resources for the AWS target and for the rehearsal target.
// The program reads every track's settings before it creates anything, so a bad config value stops a deploy with
// the key's name and nothing half made; then it creates the instance's own resources and each track's, and
// exports the outputs all of them return (a track's output names start with its own words, e.g. replicationTask*).
// An AWS part gets the instance's application server (made before the tracks' resources), for a track that sends
// requests to it (the traffic track's load balancer).
import type * as pulumi from '@pulumi/pulumi';
import type { CockpitConfig } from '../lib/cockpit-config';

/** The network an instance's AWS resources live in: explicit config, else the network foundation stack's outputs. */
export interface InstanceNetwork {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string[]>;
  /** `explicit` (config key `key`) when set, else the network stack's output `output`; throws naming both otherwise. */
  fromNetwork<T>(key: string, output: string, explicit: T | undefined): pulumi.Input<T>;
  /** The VPC's CIDR block. */
  vpcCidr(): pulumi.Input<string>;
}

/** The instance's application server, made before the tracks' resources (a track that routes to it needs it). */
export interface InstanceServer {
  /** EC2 instance id. */
  readonly serverId: pulumi.Input<string>;
  readonly privateIp: pulumi.Input<string>;
  /** Who may reach the instance's application (config allowedCidrs, else on-premises and the VPC from the network stack). */
  readonly allowedCidrs: readonly pulumi.Input<string>[];
}

/** What every AWS part of one instance shares. */
export interface AwsInstanceContext {
  readonly instanceId: string;
  /** Name prefix of the instance's resources (config namePrefix, default the Pulumi project). */
  readonly prefix: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly network: InstanceNetwork;
  /**
   * The application server. app-instance/aws.ts always gives it; it is optional so a part that does not need it can
   * be deployed without one (the traffic track's ec2 side refuses to).
   */
  readonly server?: InstanceServer;
}

/** A track's AWS part. Loading it loads @pulumi/aws. */
export interface AwsTrackPart<O extends object = object> {
  readonly id: string;
  /**
   * Reads and checks the track's config and the network values it needs, creating nothing (throws with the config
   * key's name); returns what creates the track's resources and gives the outputs the stack exports.
   */
  prepare(config: pulumi.Config, network: InstanceNetwork): (context: AwsInstanceContext) => O;
}

/** What a track's rehearsal part gets. */
export interface RehearsalInstanceContext {
  readonly cockpit: CockpitConfig;
  readonly config: pulumi.Config;
  readonly instanceId: string;
}

/** A track's rehearsal part: its resources in the rehearsal environment; undefined when the stack has none. */
export interface RehearsalTrackPart<O extends object = object> {
  readonly id: string;
  deploy(context: RehearsalInstanceContext): O | undefined;
}
