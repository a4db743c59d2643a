// Turns request bodies into store inputs, or into a message that names the offending field.
// Body shape: { name, project, ...attributes } — the flat form the cockpit's register template sends — and,
// so a record read with GET can be sent back with PUT, attributes may also come nested under `attributes`.
import type { AttributeValue, InstanceFields, InstancePatch } from './store';

export interface Invalid {
  readonly ok: false;
  /** Path of the offending field ('' for the body itself). */
  readonly field: string;
  readonly message: string;
}
export type InputResult<T> = { readonly ok: true; readonly value: T } | Invalid;

const MAX_NAME_LENGTH = 255;
const MAX_ATTRIBUTE_KEY_LENGTH = 128;
/** Set by the registry; a client that sends them has misunderstood who owns them. */
const READ_ONLY_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

type Mode = 'full' | 'patch';

/** POST and PUT: name and project are required; attributes are the complete set. */
export function parseInstanceBody(body: unknown): InputResult<InstanceFields> {
  const parsed = parse(body, 'full');
  if (!parsed.ok) return parsed;
  const { name, project, set } = parsed.value;
  if (name === undefined) return invalid('name', 'name is required');
  if (project === undefined) return invalid('project', 'project is required');
  return { ok: true, value: { name, project, attributes: set } };
}

/** PATCH (merge-patch style): given fields change, an attribute set to null is removed. */
export function parsePatchBody(body: unknown): InputResult<InstancePatch> {
  return parse(body, 'patch');
}

interface Parsed {
  name?: string;
  project?: string;
  set: Record<string, AttributeValue>;
  remove: string[];
}

function parse(body: unknown, mode: Mode): InputResult<Parsed> {
  if (!isPlainObject(body)) return invalid('', `request body must be a JSON object, got ${describe(body)}`);
  const result: Parsed = { set: {}, remove: [] };
  const seen = new Set<string>();
  const addAttribute = (key: string, value: unknown, field: string): Invalid | undefined => {
    if (key === '' || key.length > MAX_ATTRIBUTE_KEY_LENGTH) {
      return invalid(field, `attribute names must be 1-${MAX_ATTRIBUTE_KEY_LENGTH} characters (${field || "''"})`);
    }
    if (seen.has(key)) return invalid(field, `${key} is given both at the top level and in attributes`);
    seen.add(key);
    if (value === null && mode === 'patch') {
      result.remove.push(key);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      return invalid(field, `${field} must be a string, number or boolean, got ${describe(value)}`);
    }
    // defineProperty rather than assignment, so a key such as "__proto__" stays plain data.
    Object.defineProperty(result.set, key, { value, enumerable: true, writable: true, configurable: true });
    return undefined;
  };

  for (const [key, value] of Object.entries(body)) {
    if (key === 'name' || key === 'project') {
      const text = requiredText(key, value);
      if (!text.ok) return text;
      result[key] = text.value;
    } else if (READ_ONLY_FIELDS.has(key)) {
      return invalid(key, `${key} is assigned by the registry and cannot be set`);
    } else if (key === 'attributes') {
      if (!isPlainObject(value)) return invalid('attributes', `attributes must be an object, got ${describe(value)}`);
      for (const [name, attribute] of Object.entries(value)) {
        const problem = addAttribute(name, attribute, `attributes.${name}`);
        if (problem) return problem;
      }
    } else {
      const problem = addAttribute(key, value, key);
      if (problem) return problem;
    }
  }
  return { ok: true, value: result };
}

function requiredText(field: 'name' | 'project', value: unknown): InputResult<string> {
  if (typeof value !== 'string') return invalid(field, `${field} must be a string, got ${describe(value)}`);
  if (value.trim() === '') return invalid(field, `${field} must not be empty`);
  if (value.length > MAX_NAME_LENGTH) return invalid(field, `${field} must be at most ${MAX_NAME_LENGTH} characters`);
  return { ok: true, value };
}

function invalid(field: string, message: string): Invalid {
  return { ok: false, field, message };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${String(value)}`;
}
