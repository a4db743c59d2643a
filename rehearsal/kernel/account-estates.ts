// One simulated estate per account: the source account's is the one the rehearsal was started with (its scenario);
// another account's is made on its first call, by the same tracks, with its own metric and log registries, so
// nothing of account A answers to B's credentials. Clock, wire faults, seed and the accounts are shared.
import type { QueryServiceDecl, RehearsalKernel, RestServiceDecl, ServiceDecl, TrackSimulator } from '../seam/track-simulator';
import { AwsError } from './errors';
import { LogRegistry } from './log-registry';
import { MetricRegistry } from './metric-registry';

/** The track simulators of an account other than the source: given that account's kernel view. */
export type AccountSimulators = (kernel: RehearsalKernel, accountId: string) => readonly TrackSimulator[];

export interface AccountEstate {
  readonly accountId: string;
  /** The shared kernel with this account's metric and log registries. */
  readonly kernel: RehearsalKernel;
  readonly simulators: readonly TrackSimulator[];
}

export class AccountEstates {
  readonly #estates = new Map<string, AccountEstate>();
  readonly #kernel: RehearsalKernel;
  readonly #create: AccountSimulators;

  constructor(kernel: RehearsalKernel, sourceSimulators: readonly TrackSimulator[], create: AccountSimulators = () => []) {
    this.#kernel = kernel;
    this.#create = create;
    const accountId = kernel.accounts.sourceAccountId;
    this.#estates.set(accountId, { accountId, kernel, simulators: sourceSimulators });
  }

  of(accountId: string): AccountEstate {
    let estate = this.#estates.get(accountId);
    if (!estate) {
      const kernel: RehearsalKernel = { ...this.#kernel, metrics: new MetricRegistry(), logs: new LogRegistry() };
      estate = { accountId, kernel, simulators: this.#create(kernel, accountId) };
      this.#estates.set(accountId, estate);
    }
    return estate;
  }

  /** A track's service in the account; AWS's unknown-operation error when that account's estate has no such service. */
  service(accountId: string, name: string): ServiceDecl {
    const service = this.of(accountId)
      .simulators.flatMap((simulator) => simulator.services)
      .find((candidate) => candidate.name === name);
    if (!service) throw new AwsError('UnknownOperationException', `The rehearsal environment simulates no ${name} estate in account ${accountId}`);
    return service;
  }

  /** A track's REST service in the account; AWS's unknown-operation error when that account's estate has none. */
  restService(accountId: string, name: string): RestServiceDecl {
    const service = this.of(accountId)
      .simulators.flatMap((simulator) => simulator.restServices ?? [])
      .find((candidate) => candidate.name === name);
    if (!service) throw new AwsError('UnknownOperationException', `The rehearsal environment simulates no ${name} estate in account ${accountId}`);
    return service;
  }

  /** A track's awsQuery service in the account; AWS's unknown-action error when that account's estate has none. */
  queryService(accountId: string, name: string): QueryServiceDecl {
    const service = this.of(accountId)
      .simulators.flatMap((simulator) => simulator.queryServices ?? [])
      .find((candidate) => candidate.name === name);
    if (!service) throw new AwsError('InvalidAction', `The rehearsal environment simulates no ${name} estate in account ${accountId}`);
    return service;
  }

  /** Advances every account's estate to the clock's now. */
  sync(): void {
    for (const estate of this.#estates.values()) for (const simulator of estate.simulators) simulator.sync();
  }
}
