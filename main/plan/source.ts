// A parsed YAML plan file that can say where any path in it is: file, line, column and the line's text.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { PlanIssue } from '../api/contract';

export type DocPath = readonly (string | number)[];

/**
 * Where at a path an issue points: the value (default), its key, or a character of the value's text (a schedule
 * expression's bad field): `offset` counts in the string the plan holds, and a quoted scalar's quote is skipped.
 */
export type IssuePlace = 'value' | 'key' | { readonly offset: number };

export interface PlanSource {
  readonly file: string;
  readonly document: Document.Parsed;
  readonly lines: readonly string[];
  /** Issues from YAML parsing itself (syntax, duplicate keys). */
  readonly syntaxIssues: PlanIssue[];
  /** Location of the value at `path` (or of its key, when `at` is 'key'); falls back to the nearest ancestor. */
  locate(path: DocPath, at?: IssuePlace): { line: number; column: number };
  issue(severity: PlanIssue['severity'], path: DocPath, message: string, at?: IssuePlace): PlanIssue;
  /** An issue at a character offset of the text (for nodes the path cannot reach, such as an alias used as a key). */
  issueAt(severity: PlanIssue['severity'], path: DocPath, message: string, offset: number): PlanIssue;
}

/** `waves[1].stacks[0]`: the path as data, for comparing and keying (messages use the named form, see namedPath). */
export function formatPath(path: DocPath): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}

export function parsePlanSource(file: string, text: string): PlanSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const lines = text.split(/\r?\n/);

  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const makeIssue = (severity: PlanIssue['severity'], path: string, message: string, where: { line: number; column: number }): PlanIssue => {
    const excerpt = lines[where.line - 1];
    return { severity, file, line: where.line, column: where.column, path, message, ...(excerpt ? { excerpt } : {}) };
  };

  const locate = (path: DocPath, at: IssuePlace = 'value') => {
    let node: unknown = document.contents;
    let best = node && (node as Node).range ? (node as Node).range![0] : 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const key = pair.key as Node;
        if (isLast && at === 'key' && key.range) return position(key.range[0]);
        // A key with no value (`name:`) points at the key.
        const value = pair.value as Node | null;
        if (value?.range) best = value.range[0];
        else if (key.range) best = key.range[0];
        node = value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item?.range) break;
        best = item.range[0];
        node = item;
      } else {
        break;
      }
    }
    if (typeof at === 'object' && isScalar(node) && node.range && typeof node.value === 'string' && best === node.range[0]) {
      // Inside a plain or quoted one-line scalar the offset maps to the text as written (escapes aside).
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED')
        return position(Math.min(node.range[0] + quoted + Math.max(0, at.offset), Math.max(node.range[0], node.range[1] - quoted)));
    }
    return position(best);
  };

  const syntaxIssues: PlanIssue[] = [
    // Only the first syntax error: the ones after it are usually its echoes.
    ...document.errors.slice(0, 1).map((error) => makeIssue('error', '', yamlMessage(error.code, error.message), position(error.pos[0]))),
    ...document.warnings.map((warning) => makeIssue('warning', '', warning.message.split('\n')[0] ?? warning.message, position(warning.pos[0]))),
  ];

  return {
    file,
    document,
    lines,
    syntaxIssues,
    locate,
    issue: (severity, path, message, at) => makeIssue(severity, namedPath(document, path), message, locate(path, at)),
    issueAt: (severity, path, message, offset) => makeIssue(severity, namedPath(document, path), message, position(offset)),
  };
}

/**
 * A plan source whose positioned document is parsed only when something asks where a path is (an issue to place):
 * for text the fast parse read (fast-parse.ts), which had no syntax issue to report.
 */
export function lazyPlanSource(file: string, text: string): PlanSource {
  let parsed: PlanSource | undefined;
  const positioned = () => (parsed ??= parsePlanSource(file, text));
  return {
    file,
    get document() {
      return positioned().document;
    },
    get lines() {
      return positioned().lines;
    },
    syntaxIssues: [],
    locate: (path, at) => positioned().locate(path, at),
    issue: (severity, path, message, at) => positioned().issue(severity, path, message, at),
    issueAt: (severity, path, message, offset) => positioned().issueAt(severity, path, message, offset),
  };
}

/** A list item's name as the plan gives it: its `id`, else its `name` (plain text or number, cut when long). */
function itemName(item: unknown): string | undefined {
  if (!isMap(item)) return undefined;
  for (const field of ['id', 'name']) {
    const value = item.get(field, true);
    if (!isScalar(value) || (typeof value.value !== 'string' && typeof value.value !== 'number')) continue;
    const text = String(value.value).replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    return `${field}: ${text.length > MAX_NAME_IN_PATH ? `${text.slice(0, MAX_NAME_IN_PATH - 1)}…` : text}`;
  }
  return undefined;
}

const MAX_NAME_IN_PATH = 40;

/**
 * The path as an operator reads it: every list item that has an `id` or `name` says it, so `waves[1].stacks[0]`
 * reads `waves[1] (id: wave-2).stacks[0]` and `stacks[3]` reads `stacks[3] (name: app1103)`, not only a zero-based
 * index to count out in the file.
 */
export function namedPath(document: Document.Parsed, path: DocPath): string {
  let node: unknown = document.contents;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      node = isSeq(node) ? node.items[segment] : undefined;
      const name = itemName(node);
      out += name ? `[${segment}] (${name})` : `[${segment}]`;
    } else {
      node = isMap(node) ? node.get(segment, true) : undefined;
      out = out ? `${out}.${segment}` : segment;
    }
  }
  return out;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
  if (code === 'DUPLICATE_KEY') return `${first}: each key may appear once in a mapping`;
  // The YAML library gives up on very deep nesting with the engine's own words ("Maximum call stack size exceeded").
  if (code === 'RESOURCE_EXHAUSTION') return 'YAML syntax error: the file nests collections too deeply to be read; a plan needs only a few levels';
  return `YAML syntax error: ${first}`;
}
