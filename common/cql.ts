// common/ — CQL's type vocabulary, pure: type names as a plan writes them and as Keyspaces' CreateTable and
// Cassandra's system_schema.columns write them ("int", "map<text, int>", "frozen<list<uuid>>"), parsed into a small
// tree. The Keyspaces track's plan schema checks column types with it; the rehearsal's control plane checks them and
// its data plane generates values from it.

/** The native CQL types Keyspaces stores. */
export const CQL_NATIVE_TYPES = [
  'ascii',
  'bigint',
  'blob',
  'boolean',
  'counter',
  'date',
  'decimal',
  'double',
  'duration',
  'float',
  'inet',
  'int',
  'smallint',
  'text',
  'time',
  'timestamp',
  'timeuuid',
  'tinyint',
  'uuid',
  'varchar',
  'varint',
] as const;

const NATIVE_TYPES = CQL_NATIVE_TYPES;

export type NativeType = (typeof NATIVE_TYPES)[number];

export type CqlType =
  | { readonly kind: 'native'; readonly name: NativeType }
  | { readonly kind: 'list' | 'set'; readonly element: CqlType }
  | { readonly kind: 'map'; readonly key: CqlType; readonly value: CqlType }
  | { readonly kind: 'tuple'; readonly elements: readonly CqlType[] }
  /** A user-defined type, or anything else this parser does not know: named, never generated. */
  | { readonly kind: 'other'; readonly name: string };

/** The type tree of `text`; undefined when its brackets do not balance or a collection has the wrong arity. */
export function parseCqlType(text: string): CqlType | undefined {
  const trimmed = text.trim().toLowerCase();
  if ((NATIVE_TYPES as readonly string[]).includes(trimmed)) return { kind: 'native', name: trimmed as NativeType };
  const generic = /^(list|set|frozen|map|tuple)\s*<(.*)>$/s.exec(trimmed);
  if (!generic) return /^[a-z][a-z0-9_]*$/.test(trimmed) ? { kind: 'other', name: trimmed } : undefined;
  const [, kind = '', inner = ''] = generic;
  const parts = splitTypeArguments(inner);
  if (!parts) return undefined;
  const args = parts.map(parseCqlType);
  if (args.some((arg) => arg === undefined)) return undefined;
  const types = args as CqlType[];
  switch (kind) {
    case 'frozen':
      return types.length === 1 ? types[0] : undefined;
    case 'map':
      return types.length === 2 ? { kind: 'map', key: types[0]!, value: types[1]! } : undefined;
    case 'tuple':
      return types.length >= 1 ? { kind: 'tuple', elements: types } : undefined;
    default:
      return types.length === 1 ? { kind: kind as 'list' | 'set', element: types[0]! } : undefined;
  }
}

/** Splits `a, map<b, c>` at its top-level commas; undefined when the brackets do not balance. */
function splitTypeArguments(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '<') depth += 1;
    else if (char === '>') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

/** Whether `text` is a type a table of a plan may use: native types and collections of them, no user-defined type. */
export function isPlanCqlType(text: string): boolean {
  const known = (type: CqlType): boolean => {
    switch (type.kind) {
      case 'native':
        return true;
      case 'list':
      case 'set':
        return known(type.element);
      case 'map':
        return known(type.key) && known(type.value);
      case 'tuple':
        return type.elements.every(known);
      case 'other':
        return false;
    }
  };
  const parsed = parseCqlType(text);
  return parsed !== undefined && known(parsed);
}
