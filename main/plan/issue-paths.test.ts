// Where an error points and how its path reads: a missing field is reported at the mapping that lacks it (naming the
// field), and list items are named by their id or name, not only by a zero-based index to count out in the file.
import { describe, expect, it } from 'vitest';
import { describeIssues, issuesOf, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';

const edit = (from: string, to: string, text = SMALL_PLAN) => replaceOnce(text, from, to);
const errorsOf = (text: string) => issuesOf(parsePlan(TEST_FILE, text)).filter((issue) => issue.severity === 'error');

describe('a missing required field', () => {
  it('points at the mapping that lacks it, whose path names it, and the message names the field', () => {
    const text = edit('    dependsOn: [wave-0]\n    stacks: [app1, app2]\n', '    dependsOn: [wave-0]\n');
    const errors = errorsOf(text);
    expect(errors, describeIssues(errors)).toEqual([
      expect.objectContaining({
        path: 'waves[1] (id: wave-1)',
        message: "missing required field 'stacks' (expected a list)",
        // The mapping starts at its first key, `id:` of `- id: wave-1`.
        ...positionOf(text, 'id: wave-1'),
      }),
    ]);
  });

  it('does so deep in the plan too (a runbook step without a name)', () => {
    const text = edit('        - id: health\n          name: Health\n', '        - id: health\n');
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        path: 'waves[1] (id: wave-1).cutover.runbook[1] (id: health)',
        message: expect.stringMatching(/^missing required field 'name'/),
        ...positionOf(text, 'id: health'),
      }),
    ]);
  });

  it('is told apart from a field that is there with the wrong value, which keeps its own place', () => {
    const text = edit('    stacks: [app1, app2]', '    stacks: 5');
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({ path: 'waves[1] (id: wave-1).stacks', message: 'expected a list, got number 5', ...positionOf(text, '5\n') }),
    ]);
  });
});

describe('paths name list items', () => {
  it('by id (waves, registries, runbook steps) or by name (stacks, projects)', () => {
    const text = edit('    project: apps\n    config:\n      owner: team-b', '    project: apps\n    config:\n      owner: [team-b]').replace(
      'stacks: [app1, app2]',
      'stacks: [app1, app3]',
    );
    const paths = errorsOf(text).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['stacks[2] (name: app2).config.owner', 'waves[1] (id: wave-1).stacks[1]']));
  });

  it('keeps the bare index for an item with no id or name, and cuts a long name', () => {
    const long = 'x'.repeat(60);
    const text = edit('  - name: app2\n    project: apps\n', `  - name: ${long}\n    project: apps\n    colour: blue\n`).replace(
      '  - name: net\n    project: network\n',
      '  - project: network\n',
    );
    const paths = errorsOf(text).map((issue) => issue.path);
    expect(paths).toContain('stacks[0]');
    expect(paths).toContain(`stacks[2] (name: ${'x'.repeat(39)}…).colour`);
  });
});

describe('all stages at once', () => {
  it('reports a missing field next to the reference and semantic errors of the rest of the plan', () => {
    const text = edit('    dependsOn: [wave-0]\n    stacks: [app1, app2]\n', '    dependsOn: [wave-0]\n').replace(
      '    stacks: [net]\n',
      '    stacks: [net, nett]\n',
    );
    const messages = errorsOf(text).map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "waves[1] (id: wave-1): missing required field 'stacks' (expected a list)",
        expect.stringMatching(/^waves\[0\] \(id: wave-0\)\.stacks\[1\]: unknown stack 'nett'/),
      ]),
    );
  });
});
