// The rehearsal port, declared once: what the core expects of a rehearsal environment a composition root hands it
// (rehearsal/embedded.ts is checked against it with `satisfies`). Types only.

/** The running rehearsal environment: its registry and, when it has one, its AWS-compatible (DMS, CloudWatch) endpoint. */
export interface RehearsalPort {
  readonly registryUrl: string;
  /** The AWS-compatible endpoint (DMS, CloudWatch) for the SDK clients and the rehearsal Pulumi target. */
  readonly awsUrl?: string;
  /** The simulated time of its AWS side (ms), when it runs faster than real time. */
  now?(): number;
  /** Simulated seconds per real second of that clock. */
  readonly timeScale?: number;
  /** The AWS account its AWS side simulates (its ARNs carry it). */
  readonly accountId?: string;
  /**
   * The real Cassandra its Keyspaces side writes to (the data plane standing in for Amazon Keyspaces), when it was
   * given one: the rehearsal target of a stack's program makes its keyspace and tables there.
   */
  readonly cassandra?: RehearsalCassandra;
  /**
   * Makes exactly these roles assumable through its STS from the sign-in (each with the external id its trust policy
   * requires, when given); every other role is denied. The plan's accounts, at each plan load.
   */
  allowRoles?(roles: readonly AllowedRole[]): void;
  close(): Promise<void>;
}

/** A Cassandra the rehearsal uses: where, and the login of its test superuser (a rehearsal-only credential). */
export interface RehearsalCassandra {
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly username: string;
  readonly password: string;
}

export interface AllowedRole {
  readonly arn: string;
  readonly externalId?: string;
}

export interface StartRehearsalOptions {
  /** Folder for the rehearsal's state. */
  readonly dir: string;
  /** Token the registry requires on its API. */
  readonly registryToken: string;
}

export type StartRehearsal = (options: StartRehearsalOptions) => Promise<RehearsalPort>;
