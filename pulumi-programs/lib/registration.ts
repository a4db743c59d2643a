// The registration of an instance with one metadata registry, as a Pulumi dynamic resource: created when the
// stack deploys, checked on refresh (a registration removed behind the cockpit's back disappears from state,
// so the next deploy registers again), replaced when its inputs change, deregistered when the stack goes.
//
// Pulumi serializes this provider into the stack's state and runs it later in the provider plugin process,
// so it calls only the self-contained functions of registration-http.ts (captured by value) and globals.
import * as pulumi from '@pulumi/pulumi';
import { ensureDeregistered, ensureRegistered, lookupRegistration, type RegistrationTarget } from './registration-http';

export type RegistrationInputs = RegistrationTarget;

export interface RegistrationOutputs extends RegistrationTarget {
  readonly registrationId: string;
  /** True when the record already existed and was adopted rather than created. */
  readonly adopted: boolean;
}

const registrationProvider: pulumi.dynamic.ResourceProvider<RegistrationInputs, RegistrationOutputs> = {
  async create(inputs) {
    const { id, adopted } = await ensureRegistered(inputs);
    return { id: `${inputs.registryId}:${id}`, outs: { ...inputs, registrationId: id, adopted } };
  },

  async read(id, props) {
    if (!props) return {};
    const current = await lookupRegistration(props);
    // Gone from the registry: an empty result tells the engine the resource no longer exists.
    if (current === undefined) return {};
    return { id: `${props.registryId}:${current}`, props: { ...props, registrationId: current } };
  },

  async diff(_id, olds, news) {
    const differs = (key: keyof RegistrationTarget) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]);
    // Registries offer register and deregister, not update: a change of what is registered re-registers,
    // deregistering first so the registry never holds two records of one instance.
    const replaces = (['register', 'lookup', 'deregister', 'variables', 'auth', 'registryId'] as const).filter(differs);
    // Where the registry is (its URL) and how long to wait are not part of the record: those update in place.
    const changes = replaces.length > 0 || differs('baseUrl') || differs('timeoutSeconds');
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    // Only the location or the timeout changed: the record stays as it is.
    return { outs: { ...news, registrationId: olds.registrationId, adopted: olds.adopted } };
  },

  async delete(_id, props) {
    await ensureDeregistered(props);
  },
};

export class Registration extends pulumi.dynamic.Resource {
  declare readonly registrationId: pulumi.Output<string>;
  declare readonly registryId: pulumi.Output<string>;

  constructor(name: string, args: pulumi.Unwrap<RegistrationInputs> | pulumi.Input<RegistrationInputs>, opts?: pulumi.CustomResourceOptions) {
    super(registrationProvider, name, { registrationId: undefined, adopted: undefined, ...(args as object) }, opts, 'cockpit', 'Registration');
  }
}
