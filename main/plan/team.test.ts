// team: the shared store and people's roles. Every mistake is located (file, line, field path) and says what to do;
// a plan without `team` reads as before (one operator, the local journal).
import { describe, expect, it } from 'vitest';
import { describeIssues, issuesOf, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';

const TEAM = `team:
  migration: dc2-exit
  store:
    url: postgres://cockpit@db.example.internal:5432/cutover?sslmode=verify-full
    passwordEnv: COCKPIT_TEAM_PASSWORD
  people:
    - user: alice
      roles: [operator, approver]
    - user: bob@jumphost
      roles: [approver]
`;
const withTeam = (team = TEAM) => replaceOnce(SMALL_PLAN, 'projects:\n', `${team}projects:\n`);
const errorsOf = (text: string) => issuesOf(parsePlan(TEST_FILE, text)).filter((issue) => issue.severity === 'error');

describe('a plan with a team store', () => {
  it('loads with the store, the lease default and people by role', () => {
    const result = parsePlan(TEST_FILE, withTeam());
    expect(issuesOf(result), describeIssues(issuesOf(result))).toEqual([]);
    if (!result.ok) throw new Error('the plan should load');
    expect(result.plan.team).toEqual({
      migration: 'dc2-exit',
      store: { url: 'postgres://cockpit@db.example.internal:5432/cutover?sslmode=verify-full', passwordEnv: 'COCKPIT_TEAM_PASSWORD' },
      leaseSeconds: 30,
      people: [
        { user: 'alice', roles: ['operator', 'approver'] },
        { user: 'bob@jumphost', roles: ['approver'] },
      ],
    });
  });

  it('has no team without the section', () => {
    const result = parsePlan(TEST_FILE, SMALL_PLAN);
    expect(result.ok && result.plan.team).toBe(undefined);
  });

  it('refuses a password as a parameter of the store URL too', () => {
    const text = withTeam(replaceOnce(TEAM, 'sslmode=verify-full', 'sslmode=verify-full&password=hunter22'));
    expect(errorsOf(text).map((issue) => [issue.path, issue.message.slice(0, 40)])).toEqual([['team.store.url', 'the password never goes into the plan: w']]);
  });

  it('refuses a password in the store URL, at the URL', () => {
    const text = withTeam(replaceOnce(TEAM, 'postgres://cockpit@', 'postgres://cockpit:hunter22@'));
    const errors = errorsOf(text);
    expect(errors.map((issue) => issue.path)).toContain('team.store.url');
    const issue = errors.find((candidate) => candidate.path === 'team.store.url')!;
    expect(issue.message).toContain('passwordEnv');
    expect(issue).toMatchObject(positionOf(text, 'postgres://cockpit:hunter22@'));
  });

  it('locates a store that is not PostgreSQL, a missing passwordEnv, a short lease, an unknown role and a person listed twice', () => {
    const text = withTeam(
      TEAM.replace('postgres://cockpit@db', 'mysql://cockpit@db')
        .replace('    passwordEnv: COCKPIT_TEAM_PASSWORD\n', '')
        .replace('  people:\n', '  leaseSeconds: 5\n  people:\n')
        .replace('roles: [approver]', 'roles: [approvr]')
        .replace('user: bob@jumphost', 'user: alice'),
    );
    const byPath = Object.fromEntries(errorsOf(text).map((issue) => [issue.path, issue.message]));
    expect(byPath['team.store.url']).toMatch(/expected a PostgreSQL URL/);
    expect(byPath['team.store']).toMatch(/passwordEnv/);
    expect(byPath['team.leaseSeconds']).toMatch(/at least 10 seconds/);
    expect(byPath['team.people[1].roles[0]']).toMatch(/viewer, operator, approver/);
    expect(Object.keys(byPath)).toHaveLength(4);
  });

  it('refuses a person listed twice, at the second entry', () => {
    const text = withTeam(TEAM.replace('user: bob@jumphost', 'user: alice'));
    const errors = errorsOf(text);
    expect(errors, describeIssues(errors)).toEqual([
      expect.objectContaining({ path: 'team.people[1].user', message: "'alice' is listed twice: already at people[0]; give one entry all its roles" }),
    ]);
  });
});

describe('approvals in a plan', () => {
  const wave = (approvals: string, stepApprovals = '') => `  - id: wave-1
    name: One
    stacks: [net, app1, app2]
    cutover:
      downtimeBudgetMinutes: 30
${approvals}      runbook:
        - { id: announce, name: Announce, manual: Tell the service desk${stepApprovals} }
`;
  const replaceWaves = (text: string, waves: string) => `${text.slice(0, text.indexOf('waves:\n'))}waves:\n${waves}`;
  const planWith = (team: string, waves: string) => replaceWaves(withTeam(team), waves);

  it('reads a cutover start and a step that need approvals', () => {
    const text = planWith(TEAM, wave('      approvals: 1\n', ', approvals: 2'));
    const result = parsePlan(TEST_FILE, text);
    expect(issuesOf(result), describeIssues(issuesOf(result))).toEqual([]);
    if (!result.ok) return;
    expect(result.plan.waves[0]!.cutover).toMatchObject({ approvals: 1, runbook: [{ id: 'announce', approvals: 2 }] });
  });

  it('refuses approvals without a team, and more approvals than the team has approvers, at the approvals', () => {
    const alone = replaceWaves(SMALL_PLAN, wave('      approvals: 1\n'));
    expect(errorsOf(alone)).toEqual([
      expect.objectContaining({
        path: 'waves[0] (id: wave-1).cutover.approvals',
        message: '1 approval need a team: add a team section with its store and people (a cockpit alone has no one to approve)',
      }),
    ]);
    const few = planWith(TEAM, wave('', ', approvals: 3'));
    expect(errorsOf(few)).toEqual([
      expect.objectContaining({
        path: 'waves[0] (id: wave-1).cutover.runbook[0] (id: announce).approvals',
        message: '3 approvals need 3 approvers, and the team lists 2 (alice, bob@jumphost): give more people the approver role, or ask for fewer approvals',
      }),
    ]);
  });
});

describe('Pulumi state in PostgreSQL', () => {
  it('takes a postgres:// backend with its password variable, and refuses a password in the URL', () => {
    const withBackend = (url: string) =>
      replaceOnce(
        SMALL_PLAN,
        '  aws: { region: eu-central-1, endpoint: rehearsal }\n',
        `  aws: { region: eu-central-1, endpoint: rehearsal }\n  pulumi: { backend: "${url}", backendPasswordEnv: STATE_DB_PASSWORD }\n`,
      );
    const good = parsePlan(TEST_FILE, withBackend('postgres://pulumi@db.example.internal:5432/state?sslmode=verify-full'));
    expect(issuesOf(good), describeIssues(issuesOf(good))).toEqual([]);
    expect(good.ok && good.plan.environment.pulumi).toMatchObject({ backendPasswordEnv: 'STATE_DB_PASSWORD' });
    for (const url of ['postgres://pulumi:hunter22@db.example.internal/state', 'postgres://pulumi@db.example.internal/state?password=hunter22']) {
      expect(errorsOf(withBackend(url)).map((issue) => issue.path)).toContain('environment.pulumi.backend');
    }
  });
});
