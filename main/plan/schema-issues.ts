// Turns zod's findings on a plan file into operator-facing issues: what is wrong, where, and what is expected.
import { isMap } from 'yaml';
import type { z } from 'zod';
import type { PlanIssue } from '../api/contract';
import { closestWord } from './schema';
import type { DocPath, PlanSource } from './source';

type ZodIssue = z.core.$ZodIssue;
type ZodRawIssue = z.core.$ZodRawIssue;

/** Message for issues whose schema did not set its own; passed to safeParse as the error map. */
export function defaultMessage(issue: ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = describeExpected(issue.expected);
      if (issue.input === undefined) {
        const field = issue.path?.at(-1);
        return typeof field === 'string' ? `missing required field '${field}' (expected ${expected})` : `missing value (expected ${expected})`;
      }
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'expected a non-empty text';
      return `expected a number ${issue.inclusive ? 'of at least' : 'above'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `expected at most ${String(issue.maximum)} characters`;
      return `expected a number ${issue.inclusive ? 'of at most' : 'below'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(issue.input)}`;
    case 'invalid_format':
      return `expected a valid ${issue.format}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    default:
      return 'invalid value';
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping of fields';
    case 'array':
      return 'a list';
    case 'string':
      return 'a text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Converts zod issues (with paths relative to `base`) into located plan issues. */
export function schemaIssuesToPlanIssues(
  source: PlanSource,
  issues: readonly ZodIssue[],
  fieldsAt: (path: DocPath) => readonly string[] | undefined,
  base: DocPath = [],
): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const allowed = fieldsAt(path) ?? [];
      for (const key of issue.keys) {
        out.push(source.issue('error', [...path, key], unknownFieldMessage(key, allowed), 'key'));
      }
    } else if (issue.code === 'invalid_key') {
      out.push(source.issue('error', path, `invalid key '${String(path.at(-1))}': ${issue.issues[0]?.message ?? issue.message}`, 'key'));
    } else if (isMissingField(source, issue, path)) {
      // Reported at the mapping that lacks the field, which the message names: "waves[1] (id: wave-2): missing
      // required field 'stacks'", located where that mapping starts (the field has no place of its own).
      out.push(source.issue('error', path.slice(0, -1), issue.message));
    } else {
      out.push(source.issue('error', path, issue.message));
    }
  }
  return out;
}

/**
 * A required field the mapping does not have at all (an empty `field:` is there, with the wrong type). Read from the
 * document: zod's final issues no longer carry the input.
 */
function isMissingField(source: PlanSource, issue: ZodIssue, path: DocPath): boolean {
  const field = path.at(-1);
  if (issue.code !== 'invalid_type' || typeof field !== 'string') return false;
  const parent = path.length === 1 ? source.document.contents : source.document.getIn(path.slice(0, -1), true);
  return isMap(parent) && !parent.has(field);
}

function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const suggestion = closestWord(key, allowed);
  if (suggestion) return `unknown field '${key}'; did you mean '${suggestion}'?`;
  return allowed.length > 0 ? `unknown field '${key}'; expected one of: ${allowed.join(', ')}` : `unknown field '${key}'`;
}
