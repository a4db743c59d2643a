// The fast parse must read exactly what the positioned parse reads, or step aside: checked token by token, on random
// documents, and through the whole validator (a plan read the fast way and the same plan sent the positioned way by
// a comment with an '&' give the same result, issues included).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastPlanData } from './fast-parse';
import { parsePlan, SMALL_PLAN, TEST_FILE } from './plan-testing';

/** What the positioned parse reads, or undefined when it reports an error (then the fast parse must step aside). */
function positioned(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false });
  return document.errors.length > 0 ? undefined : document.toJS();
}

function expectSameOrAside(text: string): void {
  const fast = fastPlanData(text);
  if (fast === undefined) return;
  expect(positioned(text), `fast parse of ${JSON.stringify(text)}`).toEqual(fast);
}

const SCALARS = [
  '0',
  '-0',
  '+1',
  '017',
  '0o17',
  '0x1F',
  '0xff',
  '0b101',
  '-0x1',
  '+0x1',
  '1_000',
  '0x',
  '0o',
  '08',
  '1e3',
  '1E3',
  '1.0e+3',
  '12e',
  '.5',
  '0.',
  '+0.5',
  '-1.25',
  '1.2.3',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  'yes',
  'No',
  'on',
  'off',
  'y',
  'n',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'FALSE',
  '2026-12-05',
  '2026-12-05T01:00:00Z',
  '12:30',
  '1:20:30',
  '123456789012345678901234567890',
  '"a\\tb"',
  "'it''s'",
  '"\\u00e9"',
  '"x" # c',
  'a # c',
  'a#b',
  '"0x1F"',
  "'true'",
  '=',
  'a: b',
  '[1, two, "3"]',
  '{a: 1, b: [x, y]}',
  '[]',
  '{}',
  '""',
  "''",
  'https://x.example/a?b=c',
  'x - y',
  'a * b',
  'x & y',
  'hi !x',
  '5 *',
  'cron(0/5 * * * ? *)',
  '"*/5 * * * *"',
  "'H H(0-2) * * *'",
  '-x',
  '@x',
  '`x`',
  '|',
  '>',
];

describe('fastPlanData', () => {
  it('reads every YAML 1.2 core scalar as the positioned parse does, or steps aside', () => {
    for (const token of SCALARS) {
      expectSameOrAside(`k: ${token}\n`);
      expectSameOrAside(`- ${token}\n`);
      expectSameOrAside(`${token}: v\n`);
      expectSameOrAside(`list: [${token}]\n`);
    }
  });

  it('reads integers the YAML 1.2 way, not the 1.1 way', () => {
    expect(fastPlanData('a: 0b101\nb: -0x1\nc: 0o17\nd: 0x1F\ne: 017\n')).toEqual({ a: '0b101', b: '-0x1', c: 15, d: 31, e: 17 });
  });

  it('steps aside for anchors, aliases, tags, merge keys, directives, complex keys, duplicate keys and syntax errors', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 5\n',
      'base: {x: 1}\nb:\n  <<: {y: 2}\n',
      '%YAML 1.2\n---\na: 1\n',
      '? [a, b]\n: c\n',
      'a: 1\na: 2\n',
      'a: [1, 2\n',
      'a:\n\t- b\n',
      'a: 1\n---\nb: 2\n',
      // An anchor, alias or tag wherever a node starts.
      '- &x 1\n- *x\n',
      'a: [&x 1, *x]\n',
      'a: {b: &x 1, c: *x}\n',
      'a: {"b":&x 1, "c":*x}\n',
      'a:\n  &x\n  b: 1\n',
      'a: [1,\n  !!str 2]\n',
      '? &x a\n: 1\n',
      '- ? *x\n  : 1\n',
      'a: [? &x b : 1]\n',
      '--- &x\na: 1\n',
      '- - !!str 1\n',
      'a:\t*x\n',
    ]) {
      expect(fastPlanData(text), text).toBeUndefined();
    }
  });

  it("reads a cron expression's * and ? as text, as the positioned parse does", () => {
    const text = 'jobs:\n  - dc: { expression: "*/5 * * * *" }\n    aws: { expression: cron(0/5 * * * ? *) }\n    note: a & b, hi !x\n';
    expect(fastPlanData(text)).toEqual({
      jobs: [{ dc: { expression: '*/5 * * * *' }, aws: { expression: 'cron(0/5 * * * ? *)' }, note: 'a & b, hi !x' }],
    });
    expectSameOrAside(text);
  });

  it('reads random documents as the positioned parse does', () => {
    let seed = 20261203;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const keys = ['id', 'name', 'a', 'b', 'c1', 'x-y', '"q k"', '1', 'true', 'null'];
    const node = (depth: number, indent: string): string => {
      const kind = depth > 2 ? 0 : Math.floor(random() * 5);
      if (kind === 0 || kind === 1) return ` ${pick(SCALARS)}\n`;
      if (kind === 2) return ` |\n${indent}  line one\n${indent}  line ${pick(SCALARS)}\n`;
      if (kind === 3) {
        const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${indent}  -${node(depth + 1, `${indent}    `).replace(/^ \n/, ' x\n')}`);
        return `\n${items.join('')}`;
      }
      const entries = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `${indent}  ${pick(keys)}${i}:${node(depth + 1, `${indent}  `)}`);
      return `\n${entries.join('')}`;
    };
    let read = 0;
    for (let i = 0; i < 1500; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, k) => `${pick(keys)}${k}:${node(0, '')}`).join('');
      expectSameOrAside(text);
      if (fastPlanData(text) !== undefined) read += 1;
    }
    // Most random documents are plain: the comparison above is not vacuous.
    expect(read).toBeGreaterThan(500);
  });

  it('gives the validator the same result as the positioned parse, for valid plans and plans with issues', () => {
    const examples = path.resolve(import.meta.dirname, '../../examples');
    const plans = readdirSync(examples, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => readFileSync(path.join(examples, name), 'utf8'));
    const broken = [
      SMALL_PLAN.replace('stacks: [app1, app2]', 'stacks: [app1, app3]'),
      SMALL_PLAN.replace('program: app-instance', 'program: 7'),
      SMALL_PLAN.replace('downtimeBudgetMinutes: 30', 'downtimeBudgetMinutes: -3'),
      SMALL_PLAN.replace('owner: team-b', 'owner: team-b\n      password: hunter2hunter2'),
    ];
    for (const text of [SMALL_PLAN, ...plans, ...broken]) {
      expect(fastPlanData(text), 'the fast parse reads these plans').not.toBeUndefined();
      // A trailing comment with an '&' sends the same plan the positioned way; it changes no line or column.
      expect(parsePlan(TEST_FILE, text)).toEqual(parsePlan(TEST_FILE, `${text}\n# &\n`));
    }
  });
});
