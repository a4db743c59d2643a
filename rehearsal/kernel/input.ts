// Reading an operation's input the way AWS validates it: wrong types and missing required members are
// ValidationExceptions naming the member; values out of range are the service's own errors.
import { AwsError, validationError } from './errors';

export type Body = Readonly<Record<string, unknown>>;

export function asBody(value: unknown): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  return value as Body;
}

function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `Unexpected value for ${name}: expected a string`);
  return value;
}

export function requiredString(body: Body, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === '') throw validationError(memberName(name), 'Member must not be null');
  return value;
}

export function optionalNumber(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AwsError('SerializationException', `Unexpected value for ${name}: expected a number`);
  return value;
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new AwsError('SerializationException', `Unexpected value for ${name}: expected a boolean`);
  return value;
}

export function optionalList(body: Body, name: string): readonly unknown[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new AwsError('SerializationException', `Unexpected value for ${name}: expected a list`);
  return value;
}

export function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw validationError(memberName(name), `Member must satisfy enum value set: [${allowed.join(', ')}]`, value);
  return value as T;
}

/** DMS MaxRecords: absent = the default, otherwise within [min, max]. */
export function maxRecords(body: Body, min: number, max: number): number {
  const value = optionalNumber(body, 'MaxRecords');
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AwsError('InvalidParameterValueException', `The parameter MaxRecords must be between ${min} and ${max}, got ${value}.`);
  }
  return value;
}

export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

/** DMS Filters: `[{ Name, Values: [...] }]`, names checked against what the operation supports. */
export function filters(body: Body, supported: readonly string[]): Filter[] {
  const list = optionalList(body, 'Filters') ?? [];
  return list.map((entry, index) => {
    const filter = asBody(entry);
    const name = optionalString(filter, 'Name');
    const values = optionalList(filter, 'Values');
    if (name === undefined) throw validationError(`filters.${index + 1}.member.name`, 'Member must not be null');
    if (values === undefined) throw validationError(`filters.${index + 1}.member.values`, 'Member must not be null');
    if (!supported.includes(name))
      throw new AwsError('InvalidParameterValueException', `Filter name '${name}' is not supported; use one of: ${supported.join(', ')}`);
    if (values.some((value) => typeof value !== 'string')) throw new AwsError('SerializationException', 'Filter values must be strings');
    return { name, values: values as string[] };
  });
}

/** Epoch seconds (the JSON protocols) → ms. */
export function optionalTimestamp(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  throw new AwsError('SerializationException', `Unexpected value for ${name}: expected a timestamp in epoch seconds`);
}
