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
