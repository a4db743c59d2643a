// YAML aliases and merge keys: never a crash or an expansion, always a located error, and the rest of the plan
// is still checked.
import { describe, expect, it } from 'vitest';
import { describeIssues, expectErrorAt, issuesOf, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';

const edit = (from: string, to: string) => replaceOnce(SMALL_PLAN, from, to);

describe('YAML aliases in a plan', () => {
  it('an alias to an anchor that does not exist is a located error, not a crash', () => {
    const text = edit('owner: team-a', 'owner: *nope');
    const result = parsePlan(TEST_FILE, text);
    expect(result.ok || result.internalError).toBeFalsy();
    expectErrorAt(text, result, /^alias '\*nope' refers to no anchor '&nope' before it, and aliases are not allowed in a plan anyway/, '*nope');
    // The empty value left in its place is not reported a second time as a schema error.
    const there = issuesOf(result).filter((issue) => issue.line === positionOf(text, '*nope').line);
    expect(there, describeIssues(issuesOf(result))).toHaveLength(1);
  });

  it('an alias whose anchor comes after it is "no anchor before it" (YAML resolves backwards only)', () => {
    const text = edit('owner: team-a', 'owner: *later').replace('owner: team-b', 'owner: &later team-b');
    expectErrorAt(text, parsePlan(TEST_FILE, text), /alias '\*later' refers to no anchor '&later' before it/, '*later');
  });

  it('an alias with its anchor is refused where it is used, saying to write the value out', () => {
    const text = edit('owner: team-a', 'owner: &owner team-a').replace('owner: team-b', 'owner: *owner');
    const issue = expectErrorAt(text, parsePlan(TEST_FILE, text), /^alias '\*owner' is not allowed in a plan: write the value out where it is used/, '*owner');
    expect(issue.path).toBe('stacks[2] (name: app2).config.owner');
    expect(issue.excerpt).toBe('      owner: *owner');
  });

  it('a merge key says that YAML 1.2 has none, at the <<', () => {
    const text = edit('  - name: app2\n    project: apps\n', '  - <<: *app1\n    name: app2\n').replace('  - name: app1\n', '  - &app1\n    name: app1\n');
    const result = parsePlan(TEST_FILE, text);
    expectErrorAt(
      text,
      result,
      /^'<<' is a merge key only in YAML 1\.1; plans are YAML 1\.2, which has no merge keys, so '<<' would be a literal field: write the fields out$/,
      '<<',
    );
    // The merged fields are missing, and that is said too; the alias inside the merge is not a second finding.
    expectErrorAt(text, result, /^missing required field 'project'/, '<<');
    expect(issuesOf(result).filter((issue) => /alias/.test(issue.message))).toEqual([]);
  });

  it('an alias used as a key is a located error', () => {
    const text = edit('owner: team-a', 'owner: &k team-a\n      *k : x');
    expectErrorAt(text, parsePlan(TEST_FILE, text), /^alias '\*k' is not allowed in a plan/, '*k');
  });

  it('a document that is only an alias is a located error', () => {
    const result = parsePlan(TEST_FILE, '*root\n');
    expect(result.ok).toBe(false);
    expect(issuesOf(result)).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/^alias '\*root' refers to no anchor '&root'/) }),
      expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/^expected a YAML mapping at the top level/) }),
    ]);
  });

  it('a "billion laughs" file is refused at once, with a bounded list of located errors', () => {
    const levels = ['  a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(`  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const text = `${SMALL_PLAN}laughs:\n${levels.join('\n')}\n`;
    const started = performance.now();
    const result = parsePlan(TEST_FILE, text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.ok || result.internalError).toBeFalsy();
    const aliasIssues = issuesOf(result).filter((issue) => /alias/.test(issue.message));
    expect(aliasIssues).toHaveLength(21);
    expect(aliasIssues.at(-1)?.message).toBe('90 more alias(es) from here on, not listed one by one; aliases are not allowed in a plan');
    expect(aliasIssues[0]).toMatchObject(positionOf(text, '*a'));
  });

  it('reports the other errors of the plan together with the aliases', () => {
    const text = edit('owner: team-a', 'owner: *nope').replace('stacks: [net]', 'stacks: [nett]');
    const result = parsePlan(TEST_FILE, text);
    expectErrorAt(text, result, /alias '\*nope'/, '*nope');
    expectErrorAt(text, result, /unknown stack 'nett'; did you mean 'net'\?/, 'nett');
  });
});
