// Shared by the plan validator's tests: the loader with the grammar of the tracks the cockpit runs, a small valid
// plan to change one thing in, and where a needle is in a text.
import { expect } from 'vitest';
import type { PlanIssue } from '../api/contract';
import { composeGrammar } from '../seam/plan-grammar';
import { CORE_TRACKS } from '../tracks/index';
import type { PlanGrammar } from './grammar';
import { loadPlanFile as loadWithGrammar, parsePlan as parseWithGrammar, type PlanLoadOptions, type PlanLoadResult } from './load';

/** The plan format of the tracks the cockpit runs (CORE_TRACKS): what tests read plans with unless they say otherwise. */
export const TEST_GRAMMAR: PlanGrammar = composeGrammar(CORE_TRACKS);

/** Load options whose grammar defaults to TEST_GRAMMAR. */
export type TestLoadOptions = Omit<PlanLoadOptions, 'grammar'> & { readonly grammar?: PlanGrammar };

/** load.ts parsePlan, read with TEST_GRAMMAR unless `options` gives a grammar. */
export const parsePlan = (file: string, text: string, options: TestLoadOptions = {}): PlanLoadResult =>
  parseWithGrammar(file, text, { grammar: TEST_GRAMMAR, ...options });

/** load.ts loadPlanFile, read with TEST_GRAMMAR unless `options` gives a grammar. */
export const loadPlanFile = (file: string, options: TestLoadOptions = {}): Promise<PlanLoadResult> =>
  loadWithGrammar(file, { grammar: TEST_GRAMMAR, ...options });

export const TEST_FILE = '/plans/migration.yaml';

/** Valid as it is (no errors, no warnings); each test changes one thing in it. */
export const SMALL_PLAN = `version: 1
name: Small plan
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
registries:
  - id: cmdb
    name: CMDB
    baseUrl: http://cmdb.example.internal
    register:
      method: POST
      path: /instances/{{stack.config.owner}}
      body:
        name: "{{stack.name}}"
        owner: "{{stack.config.owner}}"
    lookup: { method: GET, path: "/instances?name={{stack.name}}" }
    deregister: { method: DELETE, path: "/instances/{{registration.id}}" }
projects:
  - name: network
    program: network-foundation
  - name: apps
    program: app-instance
stacks:
  - name: net
    project: network
  - name: app1
    project: apps
    config:
      owner: team-a
      host: app1.aws.example.internal
      dbPassword: { secretEnv: APP1_DB_PASSWORD }
    registries: [cmdb]
    replicationTasks:
      - taskId: app1-mysql
  - name: app2
    project: apps
    config:
      owner: team-b
      host: app2.aws.example.internal
    registries: [cmdb]
    replicationTasks:
      - taskId: app2-mysql
waves:
  - id: wave-0
    name: Network
    stacks: [net]
  - id: wave-1
    name: Apps
    dependsOn: [wave-0]
    stacks: [app1, app2]
    cutover:
      downtimeBudgetMinutes: 30
      runbook:
        - id: switch
          name: Switch traffic
          action: { type: pulumi-up, config: { trafficTarget: aws } }
        - id: health
          name: Health
          action: { type: http-check, url: "https://{{stack.config.host}}/healthz" }
`;

/** The text with `from` replaced by `to`, once; fails the test setup when `from` is not there. */
export function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`test setup: '${from}' not in the text`);
  return text.replace(from, to);
}

/** Line and column (1-based) of the `occurrence`-th appearance of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`test setup: '${needle}' not found (occurrence ${occurrence})`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The issues of a result, valid or not. */
export function issuesOf(result: PlanLoadResult): PlanIssue[] {
  return result.ok ? result.warnings : result.issues;
}

/** One line per issue, for assertion messages. */
export function describeIssues(issues: readonly PlanIssue[]): string {
  return issues.map((issue) => `${issue.line}:${issue.column} ${issue.severity} ${issue.path}: ${issue.message}`).join('\n');
}

/** The single issue whose message matches, asserted to be an error at the needle's position. */
export function expectErrorAt(text: string, result: PlanLoadResult, message: RegExp, needle: string, occurrence = 0): PlanIssue {
  expect(result.ok, 'the plan should be rejected').toBe(false);
  const issues = issuesOf(result);
  const matching = issues.filter((issue) => message.test(issue.message));
  expect(matching, `issues were:\n${describeIssues(issues)}`).toHaveLength(1);
  expect(matching[0]).toMatchObject({ severity: 'error', ...positionOf(text, needle, occurrence) });
  return matching[0]!;
}
