import { describe, expect, it } from 'vitest';
import type { TeamView } from '../../../main/api/contract';
import { approvalSubject, approvalText, startApproval, teamBanner, teamLockRows, teamPresence, watchingReason } from './team';

const TEAM: TeamView = {
  mode: 'team',
  migration: 'dc2-exit',
  store: 'postgres://cockpit@db.example.internal:5432/cutover?sslmode=verify-full',
  me: { actor: 'alice@laptop-a', roles: ['operator', 'approver'], rolesFrom: 'people' },
  connection: { state: 'connected', since: '2026-12-05T02:00:00.000Z' },
  pending: 0,
  lastSeq: 41,
  leaseSeconds: 30,
  locks: [],
  approvals: [],
  present: [],
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
    const model = teamBanner({ ...TEAM, me: { actor: 'carol@x', roles: ['viewer'], rolesFrom: 'not-listed' } } as TeamView);
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

describe('the team banner’s locks and presence', () => {
  const lock = {
    waveId: 'wave-1',
    holder: 'bob@laptop-b',
    purpose: 'cutover' as const,
    since: '2026-12-05T02:01:03.000Z',
    renewedAt: '2026-12-05T02:05:00.000Z',
    expiresAt: '2026-12-05T02:05:30.000Z',
    expired: false,
    mine: false,
    request: null,
  };
  const team = (locks: (typeof lock | Record<string, unknown>)[]) => ({ ...TEAM, locks }) as Extract<TeamView, { mode: 'team' }>;

  it('names the holder, what for and since when (UTC), and offers to ask for control', () => {
    expect(teamLockRows(team([lock]))).toEqual([
      { waveId: 'wave-1', mine: false, expired: false, text: 'wave-1: bob@laptop-b (cutover, since 02:01:03 UTC)', actions: ['request'], requestedBy: null },
    ]);
  });

  it('offers the holder a hand-over to whoever asked, and release', () => {
    const [row] = teamLockRows(team([{ ...lock, holder: 'alice@laptop-a', mine: true, request: { by: 'bob@laptop-b', at: '2026-12-05T02:06:00.000Z' } }]));
    expect(row).toMatchObject({
      text: 'wave-1: you (cutover, since 02:01:03 UTC) · bob@laptop-b asks for control since 02:06:00 UTC',
      actions: ['handOver', 'release'],
      requestedBy: 'bob@laptop-b',
    });
  });

  it('says a lapsed lease and offers nothing: acting on the wave takes it over', () => {
    const [row] = teamLockRows(team([{ ...lock, expired: true }]));
    expect(row).toMatchObject({
      text: 'wave-1: bob@laptop-b (cutover, since 02:01:03 UTC, lease lapsed at 02:05:30 UTC: the next to act takes it over)',
      actions: [],
    });
  });

  it('lists the others on the plan with their roles', () => {
    const view = {
      ...TEAM,
      present: [
        { actor: 'alice@laptop-a', roles: ['operator', 'approver'], kind: 'cockpit' as const, via: null, since: '', lastSeen: '', me: true },
        { actor: 'bob@laptop-b', roles: ['approver'], kind: 'cockpit' as const, via: null, since: '', lastSeen: '', me: false },
      ],
    } as Extract<TeamView, { mode: 'team' }>;
    expect(teamPresence(view)).toBe('Also on this plan: bob@laptop-b (approver)');
    expect(teamPresence({ ...view, present: [view.present[0]!] })).toBe('No one else on this plan now');
  });

  it("names who watches a cockpit's war room, and on whose", () => {
    const wall = { actor: 'carol', roles: ['viewer'], kind: 'war-room' as const, via: 'alice@laptop-a', since: '', lastSeen: '', me: false };
    const alice = { actor: 'alice@laptop-a', roles: ['operator'], kind: 'cockpit' as const, via: null, since: '', lastSeen: '', me: true };
    const bob = { actor: 'bob@laptop-b', roles: ['approver'], kind: 'cockpit' as const, via: null, since: '', lastSeen: '', me: false };
    expect(teamPresence({ ...TEAM, present: [alice, bob, wall] } as Extract<TeamView, { mode: 'team' }>)).toBe(
      "Also on this plan: bob@laptop-b (approver); watching the war room: carol (on alice@laptop-a's)",
    );
    expect(teamPresence({ ...TEAM, present: [alice, wall] } as Extract<TeamView, { mode: 'team' }>)).toBe(
      "No other cockpit on this plan now; watching the war room: carol (on alice@laptop-a's)",
    );
    const away = { ...TEAM, connection: { state: 'away' as const, since: '2026-12-05T02:13:05.000Z' }, present: [wall] };
    expect(teamPresence(away as Extract<TeamView, { mode: 'team' }>)).toBe("Last seen watching the war room: carol (on alice@laptop-a's)");
  });
});

describe('approvals in words', () => {
  const request = {
    requestId: 'r1',
    waveId: 'wave-1',
    stepId: null,
    needed: 1,
    requestedBy: 'alice@laptop-a',
    requestedAt: '2026-12-05T02:10:00.000Z',
    approvals: [] as { by: string; at: string; note?: string }[],
    refusal: null as { by: string; at: string; reason: string } | null,
    status: 'pending' as const,
    canDecide: true,
  };
  const team = (approvals: unknown[]) => ({ ...TEAM, approvals }) as TeamView;

  it('says a start that needs approval and was not asked, and lets an operator ask', () => {
    expect(startApproval(team([]), 'wave-1', 1)).toEqual({
      text: "The start needs 1 approval from the team's approvers (four eyes): not asked yet.",
      canAsk: true,
      status: 'not-asked',
    });
    expect(startApproval(team([]), 'wave-1', undefined)).toBeNull();
    expect(startApproval({ mode: 'local' }, 'wave-1', 1)).toBeNull();
  });

  it('says who asked when and what is given, then who approved, or who refused and why', () => {
    expect(startApproval(team([request]), 'wave-1', 1)?.text).toBe(
      "The start needs 1 approval from the team's approvers (four eyes): asked by alice@laptop-a at 02:10:00 UTC; 0 of 1 approval given.",
    );
    const granted = { ...request, status: 'granted', approvals: [{ by: 'bob@laptop-b', at: '2026-12-05T02:11:30.000Z' }] };
    expect(startApproval(team([granted]), 'wave-1', 1)).toMatchObject({
      text: "The start needs 1 approval from the team's approvers (four eyes): approved by bob@laptop-b at 02:11:30 UTC (asked by alice@laptop-a at 02:10:00 UTC).",
      canAsk: false,
    });
    const refused = { ...request, status: 'refused', refusal: { by: 'bob@laptop-b', at: '2026-12-05T02:11:30.000Z', reason: 'DBA not on the bridge yet' } };
    expect(startApproval(team([refused]), 'wave-1', 1)).toMatchObject({ canAsk: true, status: 'refused' });
    expect(approvalText(refused as never)).toBe(
      'refused by bob@laptop-b at 02:11:30 UTC: “DBA not on the bridge yet” (asked by alice@laptop-a at 02:10:00 UTC)',
    );
    expect(approvalSubject({ waveId: 'wave-1', stepId: 'switch' })).toBe('step switch of wave-1');
  });
});

describe('who drives a wave', () => {
  const lock = {
    waveId: 'wave-1',
    holder: 'alice@laptop-a',
    purpose: 'cutover' as const,
    since: '2026-12-05T02:01:03.000Z',
    renewedAt: '',
    expiresAt: '',
    expired: false,
    mine: false,
    request: null,
  };
  it('lets an operator act on a free, own or lapsed wave, and says who drives it otherwise', () => {
    expect(watchingReason({ mode: 'local' }, 'wave-1')).toBeNull();
    expect(watchingReason(TEAM, 'wave-1')).toBeNull();
    expect(watchingReason({ ...TEAM, locks: [{ ...lock, mine: true }] }, 'wave-1')).toBeNull();
    expect(watchingReason({ ...TEAM, locks: [{ ...lock, expired: true }] }, 'wave-1')).toBeNull();
    expect(watchingReason({ ...TEAM, locks: [lock] }, 'wave-1')).toBe(
      'alice@laptop-a drives this wave (cutover, since 02:01:03 UTC); you watch. Ask for control in the team banner.',
    );
  });

  it('says an approver or a viewer watches', () => {
    expect(watchingReason({ ...TEAM, me: { actor: 'bob@b', roles: ['approver'], rolesFrom: 'people' } }, 'wave-1')).toBe(
      'You watch this wave as approver: an operator of the team drives it.',
    );
  });

  it('says who was last seen, not who is there, while the store is away', () => {
    const view = {
      ...TEAM,
      connection: { state: 'away' as const, since: '2026-12-05T02:13:05.000Z' },
      present: [{ actor: 'bob@laptop-b', roles: ['approver'], kind: 'cockpit' as const, via: null, since: '', lastSeen: '', me: false }],
    };
    expect(teamPresence(view)).toBe('Last seen on this plan: bob@laptop-b (approver)');
  });
});
