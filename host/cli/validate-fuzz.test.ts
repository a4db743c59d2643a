// Seeded fuzzing of the validator with mutated copies of the demo plan and of a plan across accounts: it never throws, never hangs, always
// answers "valid" or a list of issues, and every issue points inside the text. A failure names the seed and the
// mutations, so it can be replayed: PLAN_FUZZ_SEED=<seed> npx vitest run host/cli/validate-fuzz.test.ts
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanIssue } from '../../main/api/contract';
import { validateCommand, VALIDATE_EXIT } from './validate';
import type { PlanLoadResult } from '../../main/plan/load';
import { parsePlan } from '../../main/plan/plan-testing';

/** The plans mutated, in turn: the demo, and one with accounts (the demo has none while the rehearsal simulates one account). */
const BASES = [
  { name: 'demo', text: readFileSync(new URL('../../examples/demo/migration.yaml', import.meta.url), 'utf8') },
  { name: 'accounts', text: readFileSync(new URL('../../main/plan/testdata/accounts.yaml', import.meta.url), 'utf8') },
];
const FILE = '/plans/fuzzed.yaml';

const SEED = Number(process.env.PLAN_FUZZ_SEED ?? 20_260_512);
const CASES = 400;
/** Every 8th case also goes through the CLI's validate, from a real file. */
const CLI_EVERY = 8;
/** A case takes milliseconds; this bound only catches a hang or a blow-up, with room for a loaded CI machine. */
const MAX_CASE_MS = 2000;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Random {
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
}

const YAML_CHARACTERS = [':', '-', '[', ']', '{', '}', '"', "'", '#', '&', '*', '!', '|', '>', ' ', '\t', ',', '?', '%', '@', '`', '\\', 'x', '0', '\r'];
const UNICODE = [
  '\u202e', // right-to-left override
  '\u200f', // right-to-left mark
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\ufeff', // byte order mark / zero-width no-break space
  '\u2028', // line separator (not a YAML line break)
  '\u0301', // combining accent
  '😀', // astral: two UTF-16 code units
  '𝔘', // astral letter
  'ß',
  '\u0000',
];

type Mutation = { name: string; apply: (lines: string[], random: Random) => string[] };

const lineIndex = (lines: readonly string[], random: Random) => random.int(Math.max(lines.length, 1));
const insertAt = (text: string, at: number, insert: string) => text.slice(0, at) + insert + text.slice(at);

const MUTATIONS: Mutation[] = [
  { name: 'delete line', apply: (lines, r) => lines.filter((_, i) => i !== lineIndex(lines, r)) },
  {
    name: 'duplicate line',
    apply: (lines, r) => {
      const i = lineIndex(lines, r);
      return [...lines.slice(0, i + 1), lines[i] ?? '', ...lines.slice(i + 1)];
    },
  },
  {
    name: 'swap lines',
    apply: (lines, r) => {
      const out = [...lines];
      const a = lineIndex(lines, r);
      const b = Math.min(a + 1 + r.int(3), lines.length - 1);
      [out[a], out[b]] = [out[b] ?? '', out[a] ?? ''];
      return out;
    },
  },
  {
    name: 'retype character',
    apply: (lines, r) => {
      const i = lineIndex(lines, r);
      const line = lines[i] ?? '';
      const at = r.int(line.length + 1);
      const out = [...lines];
      out[i] = line.slice(0, at) + r.pick(YAML_CHARACTERS) + line.slice(at + 1);
      return out;
    },
  },
  {
    name: 're-indent',
    apply: (lines, r) => {
      const i = lineIndex(lines, r);
      const out = [...lines];
      const line = lines[i] ?? '';
      out[i] = r.int(2) === 0 ? ' '.repeat(1 + r.int(4)) + line : line.replace(/^ {1,3}/, '');
      return out;
    },
  },
  {
    name: 'truncate',
    apply: (lines, r) => {
      const text = lines.join('\n');
      return text.slice(0, r.int(text.length + 1)).split('\n');
    },
  },
  {
    name: 'insert unicode',
    apply: (lines, r) => {
      const i = lineIndex(lines, r);
      const out = [...lines];
      out[i] = insertAt(lines[i] ?? '', r.int((lines[i] ?? '').length + 1), r.pick(UNICODE));
      return out;
    },
  },
  {
    name: 'insert anchor and alias',
    apply: (lines, r) => {
      const out = [...lines];
      const values = out.flatMap((line, i) => (/^\s*(- )?[A-Za-z]+: \S/.test(line) ? [i] : []));
      if (values.length < 2) return out;
      const anchorAt = r.pick(values);
      const aliasAt = r.pick(values);
      out[anchorAt] = out[anchorAt]!.replace(/: /, ': &a ');
      out[aliasAt] = out[aliasAt]!.replace(/: .*/, r.pick([': *a', ': *nope', ': *a\n  <<: *a', ': [*a, *a, *a]']));
      return out.join('\n').split('\n');
    },
  },
  {
    // An account id or a quoted value read as a number or a bare text.
    name: 'unquote a value',
    apply: (lines, r) => {
      const quoted = lines.flatMap((line, i) => (line.includes('"') ? [i] : []));
      if (quoted.length === 0) return lines;
      const i = r.pick(quoted);
      const out = [...lines];
      out[i] = out[i]!.replaceAll('"', '');
      return out;
    },
  },
  {
    name: 'break an alias',
    apply: (lines, r) => {
      const i = lineIndex(lines, r);
      const out = [...lines];
      out[i] = `${lines[i] ?? ''} ${r.pick(['*', '&', '*a', '&a *a', '<<: *a', '!!str', '!custom'])}`;
      return out;
    },
  },
];

interface FuzzCase {
  readonly seed: number;
  readonly base: string;
  readonly mutations: string[];
  readonly text: string;
}

function makeCase(seed: number): FuzzCase {
  const random = prng(seed);
  const r: Random = { int: (below) => Math.floor(random() * below), pick: (items) => items[Math.floor(random() * items.length)]! };
  const base = BASES[seed % BASES.length]!;
  let lines = base.text.split('\n');
  const mutations: string[] = [];
  const count = 1 + r.int(4);
  for (let m = 0; m < count; m++) {
    const mutation = r.pick(MUTATIONS);
    mutations.push(mutation.name);
    lines = mutation.apply(lines, r);
  }
  return { seed, base: base.name, mutations, text: lines.join('\n') };
}

/** What is wrong with a result for this text, or undefined when it keeps every promise. */
function resultProblem(text: string, result: PlanLoadResult): string | undefined {
  if (!result.ok && result.internalError !== undefined) return `internal error: ${result.internalError}`;
  const issues: PlanIssue[] = result.ok ? result.warnings : result.issues;
  if (!result.ok && !issues.some((issue) => issue.severity === 'error')) return 'invalid without an error';
  // Lines as the YAML library counts them (only \n ends a line); columns count UTF-16 code units.
  const lines = text.split('\n');
  for (const issue of issues) {
    const line = lines[issue.line - 1];
    if (!Number.isInteger(issue.line) || line === undefined) return `line ${issue.line} outside 1..${lines.length}: ${issue.message}`;
    if (!Number.isInteger(issue.column) || issue.column < 1 || issue.column > line.length + 1) {
      return `column ${issue.column} outside 1..${line.length + 1} on line ${issue.line}: ${issue.message}`;
    }
    if (issue.message.trim() === '') return `empty message at ${issue.line}:${issue.column}`;
  }
  return undefined;
}

const describeCase = (fuzzCase: FuzzCase, index: number) =>
  `case ${index} (${fuzzCase.base} plan, seed ${fuzzCase.seed}, base seed ${SEED}; ${fuzzCase.mutations.join(', ')})`;

describe(`plan validator fuzzing (base seed ${SEED})`, () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'plan-fuzz-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const cases = Array.from({ length: CASES }, (_, index) => makeCase(SEED + index));

  it('mutates the demo plan and the accounts plan in many different ways', () => {
    expect(new Set(cases.map((fuzzCase) => fuzzCase.base))).toEqual(new Set(BASES.map((base) => base.name)));
    expect(new Set(cases.map((fuzzCase) => fuzzCase.text)).size).toBeGreaterThan(CASES * 0.9);
    expect(new Set(cases.flatMap((fuzzCase) => fuzzCase.mutations))).toEqual(new Set(MUTATIONS.map((mutation) => mutation.name)));
  });

  it(`never throws, never hangs, and locates every issue inside the text (${CASES} cases)`, { timeout: 60_000 }, () => {
    const failures: string[] = [];
    let slowest = 0;
    cases.forEach((fuzzCase, index) => {
      const started = performance.now();
      let problem: string | undefined;
      try {
        problem = resultProblem(fuzzCase.text, parsePlan(FILE, fuzzCase.text));
      } catch (error) {
        problem = `threw ${String(error)}`;
      }
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      if (elapsed > MAX_CASE_MS) problem ??= `took ${Math.round(elapsed)} ms (bound ${MAX_CASE_MS} ms)`;
      if (problem) failures.push(`${describeCase(fuzzCase, index)}: ${problem}`);
    });
    expect(failures, `slowest case: ${Math.round(slowest)} ms`).toEqual([]);
  });

  it('gives the CLI an answer of 0 or 1 for every mutated plan file, one well-formed line per issue', { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    for (let index = 0; index < cases.length; index += CLI_EVERY) {
      const fuzzCase = cases[index]!;
      const file = path.join(folder, `case-${index}.yaml`);
      await writeFile(file, fuzzCase.text);
      const out: string[] = [];
      const err: string[] = [];
      const started = performance.now();
      const code = await validateCommand([file], (line) => out.push(line), { err: (line) => err.push(line) });
      const elapsed = performance.now() - started;
      const malformed = out.filter((line) => !line.startsWith(`${file}: `) && !/^\S.*:\d+:\d+: (error|warning): /.test(line));
      if (code !== VALIDATE_EXIT.valid && code !== VALIDATE_EXIT.invalid) failures.push(`${describeCase(fuzzCase, index)}: exit ${code}: ${err.join(' | ')}`);
      else if (malformed.length > 0) failures.push(`${describeCase(fuzzCase, index)}: malformed output line ${JSON.stringify(malformed[0])}`);
      else if (elapsed > MAX_CASE_MS) failures.push(`${describeCase(fuzzCase, index)}: took ${Math.round(elapsed)} ms`);
    }
    expect(failures).toEqual([]);
  });
});
