// The registry's records and its one business rule: (name, project) is unique.
// Ids are never reused — not after a delete, not after a reset — so a stale id that a client still holds
// (in a journal, after a crash) can never address somebody else's record.

export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface RegistryInstance {
  readonly id: string;
  readonly name: string;
  readonly project: string;
  readonly attributes: Attributes;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Everything needed to rebuild a store: what persistence writes and reads. */
export interface StoreSnapshot {
  readonly nextSequence: number;
  readonly instances: readonly RegistryInstance[];
}

export type StoreResult =
  | { readonly ok: true; readonly instance: RegistryInstance }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'conflict'; readonly existingId: string };

export interface InstanceFields {
  readonly name: string;
  readonly project: string;
  readonly attributes: Attributes;
}

export interface InstancePatch {
  readonly name?: string;
  readonly project?: string;
  readonly set: Attributes;
  readonly remove: readonly string[];
}

export interface StoreOptions {
  readonly snapshot?: StoreSnapshot;
  /** Sees the new state after every change; if it throws, the change is undone and the error passes on. */
  readonly onChange?: (snapshot: StoreSnapshot) => void;
  readonly now?: () => Date;
}

const ID_PATTERN = /^ci-(\d{6,})$/;

export function formatId(sequence: number): string {
  return `ci-${String(sequence).padStart(6, '0')}`;
}

export function sequenceOf(id: string): number | undefined {
  const match = ID_PATTERN.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** Numeric order: string order would put ci-1000000 before ci-999999. */
export function compareIds(a: string, b: string): number {
  return (sequenceOf(a) ?? 0) - (sequenceOf(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
}

export class RegistryStore {
  #byId = new Map<string, RegistryInstance>();
  #nextSequence = 1;
  readonly #onChange: ((snapshot: StoreSnapshot) => void) | undefined;
  readonly #now: () => Date;

  constructor(options: StoreOptions = {}) {
    this.#onChange = options.onChange;
    this.#now = options.now ?? (() => new Date());
    if (options.snapshot) this.#restore(options.snapshot);
  }

  list(filter: { readonly name?: string; readonly project?: string } = {}): RegistryInstance[] {
    return [...this.#byId.values()]
      .filter(
        (instance) => (filter.name === undefined || instance.name === filter.name) && (filter.project === undefined || instance.project === filter.project),
      )
      .sort((a, b) => compareIds(a.id, b.id));
  }

  get(id: string): RegistryInstance | undefined {
    return this.#byId.get(id);
  }

  create(fields: InstanceFields): StoreResult {
    const holder = this.#holderOf(fields.name, fields.project);
    if (holder) return { ok: false, reason: 'conflict', existingId: holder.id };
    return this.#change(() => {
      const now = this.#now().toISOString();
      const instance = record({ id: formatId(this.#nextSequence++), ...fields, createdAt: now, updatedAt: now });
      this.#byId.set(instance.id, instance);
      return { ok: true, instance };
    });
  }

  /** PUT: new name, project and attributes; the old attributes are dropped. */
  replace(id: string, fields: InstanceFields): StoreResult {
    return this.#update(id, () => fields);
  }

  /** PATCH: merge attributes; name and project change only when given. */
  patch(id: string, patch: InstancePatch): StoreResult {
    return this.#update(id, (current) => {
      const attributes = new Map(Object.entries(current.attributes));
      for (const [key, value] of Object.entries(patch.set)) attributes.set(key, value);
      for (const key of patch.remove) attributes.delete(key);
      return {
        name: patch.name ?? current.name,
        project: patch.project ?? current.project,
        // fromEntries defines own properties, so a key such as "__proto__" stays plain data.
        attributes: Object.fromEntries(attributes),
      };
    });
  }

  remove(id: string): boolean {
    if (!this.#byId.has(id)) return false;
    return this.#change(() => this.#byId.delete(id));
  }

  /** Drops every record but keeps counting ids (see the note at the top). */
  clear(): void {
    this.#change(() => this.#byId.clear());
  }

  snapshot(): StoreSnapshot {
    return { nextSequence: this.#nextSequence, instances: this.list() };
  }

  #update(id: string, next: (current: RegistryInstance) => InstanceFields): StoreResult {
    const current = this.#byId.get(id);
    if (!current) return { ok: false, reason: 'not-found' };
    const fields = next(current);
    const holder = this.#holderOf(fields.name, fields.project);
    if (holder && holder.id !== id) return { ok: false, reason: 'conflict', existingId: holder.id };
    return this.#change(() => {
      const instance = record({ ...current, ...fields, updatedAt: this.#now().toISOString() });
      this.#byId.set(id, instance);
      return { ok: true, instance };
    });
  }

  #holderOf(name: string, project: string): RegistryInstance | undefined {
    for (const instance of this.#byId.values()) if (instance.name === name && instance.project === project) return instance;
    return undefined;
  }

  /** Applies a change, then lets persistence see it; a failed save puts everything back as it was. */
  #change<T>(mutate: () => T): T {
    const before = new Map(this.#byId);
    const sequenceBefore = this.#nextSequence;
    const result = mutate();
    try {
      this.#onChange?.(this.snapshot());
    } catch (error) {
      this.#byId = before;
      this.#nextSequence = sequenceBefore;
      throw error;
    }
    return result;
  }

  #restore(snapshot: StoreSnapshot) {
    let highest = 0;
    for (const instance of snapshot.instances) {
      const sequence = sequenceOf(instance.id);
      if (sequence === undefined) throw new Error(`stored instance has a malformed id '${instance.id}'`);
      if (this.#byId.has(instance.id)) throw new Error(`stored instances share the id ${instance.id}`);
      const holder = this.#holderOf(instance.name, instance.project);
      if (holder) throw new Error(`stored instances ${holder.id} and ${instance.id} share name '${instance.name}' in project '${instance.project}'`);
      this.#byId.set(instance.id, record(instance));
      highest = Math.max(highest, sequence);
    }
    // Trust the stored counter, but never below what the records prove was already handed out.
    this.#nextSequence = Math.max(snapshot.nextSequence, highest + 1);
  }
}

/** Records are frozen so they can be handed out without copying. */
function record(instance: RegistryInstance): RegistryInstance {
  return Object.freeze({
    id: instance.id,
    name: instance.name,
    project: instance.project,
    attributes: Object.freeze({ ...instance.attributes }),
    createdAt: instance.createdAt,
    updatedAt: instance.updatedAt,
  });
}
