// URLs that are only URLs once their placeholders are filled in, checked per stack with the stack's own values.
import { describe, expect, it } from 'vitest';
import { describeIssues, expectErrorAt, issuesOf, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';
import { httpUrlProblem } from './url-checks';

const edit = (from: string, to: string) => replaceOnce(SMALL_PLAN, from, to);

describe('http(s) URLs', () => {
  it.each([
    ['https://app1.example.internal/healthz', undefined],
    ['http://127.0.0.1:8080/x y', undefined],
    ['https://app 1.example.internal/healthz', 'it contains white space'],
    ['app1.example.internal/healthz', 'it does not parse as a URL'],
    ['ftp://app1.example.internal/', "its scheme is 'ftp', not http or https"],
  ])('%s: %s', (url, problem) => {
    expect(httpUrlProblem(url)).toBe(problem);
  });
});

describe('http-check URLs, filled per stack', () => {
  it('reports each stack whose values break the URL, at the url line', () => {
    const text = edit('host: app1.aws.example.internal', 'host: app1 aws.example.internal').replace('host: app2.aws.example.internal', 'host: app2/aws');
    const result = parsePlan(TEST_FILE, text);
    const issue = expectErrorAt(
      text,
      result,
      /^for stack 'apps\/app1' this becomes "https:\/\/app1 aws\.example\.internal\/healthz", which is not a valid http\(s\) URL: it contains white space$/,
      '"https://{{stack.config.host}}',
    );
    expect(issue.path).toBe('waves[1] (id: wave-1).cutover.runbook[1] (id: health).action.url');
    // app2's value makes a different but valid URL: not this check's business.
    expect(issuesOf(result).filter((found) => /this becomes/.test(found.message))).toHaveLength(1);
  });

  it('takes a value without a scheme at the start as it is', () => {
    const text = edit('url: "https://{{stack.config.host}}/healthz"', 'url: "{{stack.config.host}}/healthz"');
    const result = parsePlan(TEST_FILE, text);
    const errors = issuesOf(result).filter((issue) => /this becomes/.test(issue.message));
    expect(errors.map((issue) => issue.message)).toEqual([
      `for stack 'apps/app1' this becomes "app1.aws.example.internal/healthz", which is not a valid http(s) URL: it does not parse as a URL`,
      `for stack 'apps/app2' this becomes "app2.aws.example.internal/healthz", which is not a valid http(s) URL: it does not parse as a URL`,
    ]);
    expect(errors.every((issue) => issue.line === positionOf(text, '"{{stack.config.host}}/healthz"').line)).toBe(true);
  });

  it('lets a stack output stand for a whole URL at the start, and for a part elsewhere', () => {
    for (const url of ['{{stack.output.healthUrl}}', '{{stack.output.baseUrl}}/health', 'https://{{stack.output.host}}.example/health']) {
      const result = parsePlan(TEST_FILE, edit('"https://{{stack.config.host}}/healthz"', JSON.stringify(url)));
      expect(describeIssues(issuesOf(result)), url).toBe('');
    }
  });

  it('names five stacks one by one and sums up the rest, all at the url line', () => {
    const stacks = Array.from({ length: 7 }, (_, i) => `  - { name: web${i}, project: apps, config: { host: "web ${i}" } }\n`).join('');
    const text = edit('waves:\n', `${stacks}waves:\n`).replace(
      'stacks: [app1, app2]',
      `stacks: [${Array.from({ length: 7 }, (_, i) => `web${i}`).join(', ')}]`,
    );
    const issues = issuesOf(parsePlan(TEST_FILE, text)).filter((issue) => issue.severity === 'error');
    expect(issues.map((issue) => issue.message.replace(/ this becomes .*/, ''))).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `for stack 'apps/web${i}'`),
      'this is not a valid http(s) URL for 2 more stacks either',
    ]);
    expect(new Set(issues.map((issue) => issue.line))).toEqual(new Set([positionOf(text, '"https://{{stack.config.host}}').line]));
  });

  it('fills wave and stack names and the plan name', () => {
    const text = edit('name: Small plan', 'name: Small plan with spaces').replace(
      '"https://{{stack.config.host}}/healthz"',
      '"https://{{plan.name}}.example/{{wave.id}}"',
    );
    expect(issuesOf(parsePlan(TEST_FILE, text)).map((issue) => issue.message)).toEqual([
      `for stack 'apps/app1' this becomes "https://Small plan with spaces.example/wave-1", which is not a valid http(s) URL: it contains white space`,
      `for stack 'apps/app2' this becomes "https://Small plan with spaces.example/wave-1", which is not a valid http(s) URL: it contains white space`,
    ]);
  });
});

describe('registry URLs, filled per stack', () => {
  it('rejects placeholders in baseUrl, which is used as written', () => {
    const text = edit('baseUrl: http://cmdb.example.internal', 'baseUrl: "http://{{stack.config.owner}}.cmdb.example.internal"');
    expectErrorAt(
      text,
      parsePlan(TEST_FILE, text),
      /^baseUrl is used as written, so \{\{stack\.config\.owner\}\} would reach the network as literal text; placeholders belong in the request paths$/,
      '"http://{{stack',
    );
  });
});
