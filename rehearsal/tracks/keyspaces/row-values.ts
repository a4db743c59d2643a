// Generated CQL values for the proxy's live rows and the row-mismatch fault: a value of a column's type for row
// `index` of a stream named `stream`, the same every time, as the DataStax driver takes it (bigint and varint as
// JS BigInt, the client's encoding). Key columns get values that differ from row to row; a counter, a user-defined
// type or a map with non-text keys cannot be generated (undefined: the live writer writes null in a regular column
// and refuses a table whose key has such a column).
import { types } from 'cassandra-driver';
import { hashString, prng } from '../../kernel/random';
import type { CqlType } from '../../../common/cql';

const EPOCH_2026 = Date.UTC(2026, 0, 1);

function bytes(stream: string, index: number, length: number): Buffer {
  const next = prng(hashString(`${stream}#${index}`));
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

/** A value of `type` for row `index`; undefined when the type cannot be generated (counter, user-defined types). */
export function generatedValue(type: CqlType, stream: string, index: number): unknown {
  switch (type.kind) {
    case 'native':
      return nativeValue(type.name, stream, index);
    case 'list':
    case 'set': {
      const first = generatedValue(type.element, stream, index);
      const second = generatedValue(type.element, `${stream}+`, index);
      return first === undefined || second === undefined ? undefined : [first, second];
    }
    case 'map': {
      const key = generatedValue(type.key, stream, index);
      const value = generatedValue(type.value, stream, index);
      // The driver encodes a JS object as a map with text keys only.
      return typeof key === 'string' && value !== undefined ? { [key]: value } : undefined;
    }
    case 'tuple': {
      const elements = type.elements.map((element, i) => generatedValue(element, `${stream}.${i}`, index));
      return elements.some((element) => element === undefined) ? undefined : new types.Tuple(...elements);
    }
    case 'other':
      return undefined;
  }
}

function nativeValue(name: string, stream: string, index: number): unknown {
  const salt = hashString(stream);
  switch (name) {
    case 'ascii':
    case 'text':
    case 'varchar':
      return `${stream}-${index}`;
    case 'int':
      return (1_000_000_000 + (salt % 100_000_000) + index) | 0;
    case 'smallint':
      return ((salt + index) % 65_536) - 32_768;
    case 'tinyint':
      return ((salt + index) % 256) - 128;
    case 'bigint':
      return 4_000_000_000_000n + BigInt(salt) * 1_000_000n + BigInt(index);
    case 'varint':
      return 9_000_000_000_000n + BigInt(salt) * 1_000_000n + BigInt(index);
    case 'double':
    case 'float':
      return index + 0.5;
    case 'decimal':
      return types.BigDecimal.fromString(`${index}.${salt % 100}`);
    case 'boolean':
      return index % 2 === 0;
    case 'blob':
      return bytes(stream, index, 16);
    case 'uuid': {
      const raw = bytes(stream, index, 16);
      raw[6] = (raw[6]! & 0x0f) | 0x40;
      raw[8] = (raw[8]! & 0x3f) | 0x80;
      return new types.Uuid(raw);
    }
    case 'timeuuid':
      return types.TimeUuid.fromDate(new Date(EPOCH_2026 + index), salt % 10_000, bytes(stream, 0, 6), bytes(stream, 1, 2));
    case 'timestamp':
      return new Date(EPOCH_2026 + index * 1000);
    case 'date':
      return types.LocalDate.fromDate(new Date(EPOCH_2026 + (index % 36_500) * 86_400_000));
    case 'time':
      return types.LocalTime.fromMilliseconds((index * 1000) % 86_400_000);
    case 'inet':
      return types.InetAddress.fromString(`10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`);
    case 'duration':
      return new types.Duration(0, index % 365, 0);
    default:
      return undefined;
  }
}

/** A value of `type` other than `old` (for a row the mismatch fault changes). */
export function changedValue(type: CqlType, old: unknown, index: number): unknown {
  if (type.kind === 'native') {
    if (typeof old === 'string') return `${old} (changed on the target)`;
    if (typeof old === 'bigint') return old + 1n;
    if (typeof old === 'boolean') return !old;
    if (typeof old === 'number') return old > 0 ? old - 1 : old + 1;
  }
  return generatedValue(type, 'changed-on-the-target', index);
}
