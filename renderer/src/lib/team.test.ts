import { describe, expect, it } from 'vitest';
import type { TeamView } from '../../../main/api/contract';
import { teamBanner } from './team';

const TEAM: TeamView = {
  mode: 'team',
  migration: 'dc2-exit',
  store: 'postgres://cockpit@db.example.internal:5432/cutover?sslmode=verify-full',
  me: { actor: 'alice@laptop-a', roles: ['operator', 'approver'], rolesFrom: 'people' },
  connection: { state: 'connected', since: '2026-12-05T02:00:00.000Z' },
  pending: 0,
  lastSeq: 41,
  leaseSeconds: 30,
};

describe('the team banner', () => {
  it('shows nothing for one operator on a local journal, or before the core answered', () => {
    expect(teamBanner({ mode: 'local' })).toBeNull();
    expect(teamBanner(null)).toBeNull();
  });

  it('names the migration, the store without its user or parameters, and who this operator is', () => {
    expect(teamBanner(TEAM)).toEqual({
      tone: 'ok',
      label: 'Team',
      text: 'Migration dc2-exit · store db.example.internal:5432/cutover · you are alice@laptop-a, operator and approver',
      problem: null,
    });
  });

  it('says why someone is a viewer', () => {
    const model = teamBanner({ ...TEAM, me: { actor: 'carol@x', roles: ['viewer'], rolesFrom: 'not-listed' } });
    expect(model?.text).toContain('you are carol@x, viewer (not listed in the plan’s team)');
  });

  it('says what an unreachable store means, since when on the UTC clock, and what waits', () => {
    const model = teamBanner({
      ...TEAM,
      connection: { state: 'away', since: '2026-12-05T02:13:05.000Z', reason: 'connect ECONNREFUSED 10.0.0.5:5432' },
      pending: 2,
    });
    expect(model).toMatchObject({ tone: 'warning', label: 'Team store unreachable' });
    expect(model?.problem).toBe(
      'Since 05 Dec 2026, 02:13:05 UTC (connect ECONNREFUSED 10.0.0.5:5432). Shown is what this cockpit last knew; nothing new starts until the store is back. 2 journal entries of this cockpit wait to be stored.',
    );
  });
});
