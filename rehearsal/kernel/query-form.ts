// awsQuery form bodies (`Action=X&Version=Y&Targets.member.1.Id=10.0.0.5&Targets.member.1.Port=80`) read into the
// nested input a service works on (`{ Targets: [{ Id: '10.0.0.5', Port: '80' }] }`), for the kernel's CloudWatch and
// every track's awsQuery service. A key is a dotted path of member names; `<List>.member.<n>` is the n-th (1-based)
// element of a list. Whatever the body says, reading it never touches an object's prototype and never throws
// anything but an AwsError: a malformed key, a member given both as a value and as a structure, or a list index out
// of range is a `MalformedQueryString` (400) naming the key.
import { AwsError } from './errors';

/** Members past this index are refused (AWS's own lists are far shorter), so a body cannot make a huge array. */
export const MAX_QUERY_LIST_INDEX = 1000;

const MEMBER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const INDEX = /^[1-9]\d{0,6}$/;

type Step = { readonly name: string } | { readonly index: number };

/** Turns a leaf's text into its value, given the member name it belongs to (default: the text as is). */
export type QueryValueReader = (member: string, text: string) => unknown;

/**
 * The form's members (Action and Version left out) as nested structures and lists; lists are compacted (an element
 * index that is missing is skipped, order kept).
 */
export function unflattenForm(form: URLSearchParams, read: QueryValueReader = (_, text) => text): Record<string, unknown> {
  const root = new Map<string, unknown>();
  kinds.set(root, 'structure');
  for (const [key, text] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const steps = parseKey(key);
    let node: Map<string, unknown> | Map<number, unknown> = root;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const slot = 'name' in step ? step.name : step.index;
      const container = node as Map<string | number, unknown>;
      if (i === steps.length - 1) {
        if (container.has(slot)) throw malformed(key, 'is given more than once, or also as a structure');
        const member = [...steps].reverse().find((candidate): candidate is { name: string } => 'name' in candidate)!.name;
        container.set(slot, read(member, text));
        break;
      }
      const next = steps[i + 1]!;
      const kind = 'name' in next ? 'structure' : 'list';
      let child = container.get(slot);
      if (child === undefined) {
        child = new Map();
        kinds.set(child as object, kind);
        container.set(slot, child);
      } else if (!(child instanceof Map) || kinds.get(child) !== kind) {
        throw malformed(key, `is given both as a value and as a ${kind}`);
      }
      node = child as Map<string, unknown>;
    }
  }
  return toPlain(root) as Record<string, unknown>;
}

/** Whether a Map built here holds a structure's members or a list's elements. */
const kinds = new WeakMap<object, 'structure' | 'list'>();

function parseKey(key: string): Step[] {
  const parts = key.split('.');
  const steps: Step[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === 'member') {
      const index = parts[i + 1];
      if (steps.length === 0 || !('name' in steps.at(-1)!) || index === undefined || !INDEX.test(index))
        throw malformed(key, "has 'member' without a list name before it and a 1-based index after it");
      if (Number(index) > MAX_QUERY_LIST_INDEX) throw malformed(key, `has a list index above ${MAX_QUERY_LIST_INDEX}`);
      steps.push({ index: Number(index) });
      i++;
      continue;
    }
    if (!MEMBER_NAME.test(part)) throw malformed(key, `has '${part}' where a member name (letters, digits, '_') is expected`);
    steps.push({ name: part });
  }
  return steps;
}

function toPlain(value: unknown): unknown {
  if (!(value instanceof Map)) return value;
  if (kinds.get(value) === 'list') {
    return [...(value as Map<number, unknown>).entries()].sort((a, b) => a[0] - b[0]).map(([, element]) => toPlain(element));
  }
  return Object.fromEntries([...(value as Map<string, unknown>).entries()].map(([name, member]) => [name, toPlain(member)]));
}

function malformed(key: string, problem: string): AwsError {
  return new AwsError('MalformedQueryString', `The query parameter '${key}' ${problem}`);
}
