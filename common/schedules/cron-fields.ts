// The pieces every cron dialect shares: a field's values as numbers or names, ranges, steps and lists, each error
// at the offset of the piece it is about.
import { ExpressionError } from './schedule';

export interface FieldDef {
  /** For messages: 'minute', 'day-of-week'. */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Names the field takes (upper case) and their values; absent: numbers only. */
  readonly names?: Readonly<Record<string, number>>;
  /** How the names are described in messages: 'a day name (SUN-SAT)'. */
  readonly nameWord?: string;
  /** What the range is said to be in messages, when not min-max (EventBridge's '1-7 or SUN-SAT'). */
  readonly rangeWord?: string;
}

export const MONTH_NAMES: Readonly<Record<string, number>> = Object.fromEntries(
  ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map((name, i) => [name, i + 1]),
);
export const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** A field's text split at commas, each item with its offset in the expression. */
export function listItems(text: string, at: number, def: FieldDef): { text: string; at: number }[] {
  const items: { text: string; at: number }[] = [];
  let start = 0;
  for (const [i, part] of text.split(',').entries()) {
    if (part === '')
      throw new ExpressionError(
        i === 0 && text.startsWith(',') ? `the ${def.label} field starts with ','` : `empty item in the ${def.label} field`,
        at + start,
      );
    items.push({ text: part, at: at + start });
    start += part.length + 1;
  }
  return items;
}

/** A number or, where the field takes them, a name. */
export function fieldValue(text: string, at: number, def: FieldDef): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (text.length > 4 || value < def.min || value > def.max)
      throw new ExpressionError(`${text} is out of range for the ${def.label} field (${def.rangeWord ?? `${def.min}-${def.max}`})`, at);
    return value;
  }
  if (def.names) {
    const value = def.names[text.toUpperCase()];
    if (value !== undefined) return value;
    if (/^[A-Za-z]+$/.test(text)) throw new ExpressionError(`'${text}' is not ${def.nameWord ?? 'a name this field takes'}`, at);
  } else if (/^[A-Za-z]+$/.test(text)) {
    throw new ExpressionError(`'${text}': the ${def.label} field takes numbers only (${def.rangeWord ?? `${def.min}-${def.max}`})`, at);
  }
  throw new ExpressionError(`'${text}' is not a value of the ${def.label} field (${def.rangeWord ?? `${def.min}-${def.max}`})`, at);
}

/** A step after '/': a whole number from 1 to the field's span. */
export function stepValue(text: string, at: number, def: FieldDef): number {
  if (!/^\d+$/.test(text))
    throw new ExpressionError(text === '' ? `a step needs a number after '/'` : `'${text}' is not a step: expected a whole number after '/'`, at);
  const step = Number(text);
  const span = def.max - def.min + 1;
  if (step < 1 || step > span) throw new ExpressionError(`step ${text} is out of range for the ${def.label} field (1-${span})`, at);
  return step;
}

export interface ItemOptions {
  /** `a/n` means a, a+n, … to the field's end (EventBridge); else a step needs a range or '*'. */
  readonly stepFromValue: boolean;
}

/**
 * One list item of the common grammar: `*`, `*\/n`, `a`, `a-b`, `a-b/n` (and `a/n` where allowed); the values it
 * selects, in the field's numbering.
 */
export function standardItem(text: string, at: number, def: FieldDef, options: ItemOptions): number[] {
  const slash = text.indexOf('/');
  const base = slash < 0 ? text : text.slice(0, slash);
  const step = slash < 0 ? 1 : stepValue(text.slice(slash + 1), at + slash + 1, def);
  let from: number;
  let to: number;
  if (base === '*') [from, to] = [def.min, def.max];
  else if (base === '') throw new ExpressionError(`expected a value or '*' before '/'`, at);
  else {
    const dash = base.indexOf('-', 1);
    if (dash < 0) {
      from = fieldValue(base, at, def);
      if (slash < 0) return [from];
      if (!options.stepFromValue) throw new ExpressionError(`a step needs a range or '*' before it (e.g. ${from}-${def.max}/${step})`, at + slash);
      to = def.max;
    } else {
      from = fieldValue(base.slice(0, dash), at, def);
      to = fieldValue(base.slice(dash + 1), at + dash + 1, def);
      if (from > to) throw new ExpressionError(`the range ${base} ends before it starts`, at);
    }
  }
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/** Sorted distinct values. */
export const sortedValues = (values: Iterable<number>): number[] => [...new Set(values)].sort((a, b) => a - b);

/** A flag array over 0..max with the values set. */
export function flags(values: Iterable<number>, max: number): boolean[] {
  const out = Array.from({ length: max + 1 }, () => false);
  for (const value of values) out[value] = true;
  return out;
}

/** Splits on runs of spaces or tabs, each field with its offset. */
export function splitFields(text: string, at: number): { text: string; at: number }[] {
  const fields: { text: string; at: number }[] = [];
  for (const match of text.matchAll(/[^ \t]+/g)) fields.push({ text: match[0], at: at + match.index });
  return fields;
}
