// Four eyes, two (then three) cores on one team store (a real PostgreSQL): a cutover whose start needs one approval
// and whose switch step needs one too. The start is refused until an approver other than the asker approves; a
// refusal needs its reason; the step waits for its approval; every request and decision is in the one journal and in
// the evidence pack, with who.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CutoverRunView, JournalEntryView, TeamView } from '../../main/api/contract';
import type { CockpitCore } from '../../main/core/cockpit-core';
import { commandOf, until } from '../support/core-commands';
import type { PostgresDatabase } from '../support/postgres';
import { OPERATION_TIMEOUT } from './harness';
import { startTeamRehearsal, type TeamRehearsal } from './team-rehearsal';

const W = 'wave-1';
const planText = (db: PostgresDatabase) => `version: 1
name: Four eyes rehearsal
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
team:
  migration: four-eyes
  store: { url: "${db.url}?sslmode=disable", passwordEnv: TEAM_STORE_PASSWORD }
  people:
    - { user: alice, roles: [operator] }
    - { user: bob, roles: [approver] }
    - { user: carol, roles: [operator, approver] }
projects:
  - { name: platform-production, program: app-instance }
stacks:
  - name: app9301
    project: platform-production
    config: { trafficTarget: datacenter }
waves:
  - id: ${W}
    name: Needs approval
    stacks: [app9301]
    cutover:
      downtimeBudgetMinutes: 30
      approvals: 1
      runbook:
        - { id: announce, name: Announce, manual: Tell the service desk }
        - { id: switch, name: Switch the DNS, manual: Change the record by hand, approvals: 1 }
`;

let team: TeamRehearsal | undefined;
let skipReason = '';

beforeAll(async () => {
  const started = await startTeamRehearsal('four-eyes', planText);
  if (typeof started === 'string') skipReason = started;
  else team = started;
}, OPERATION_TIMEOUT);

afterAll(async () => {
  await team?.close();
});

const startCore = (name: string, operator: string) => team!.startCore(name, operator);

type TeamModeView = Extract<TeamView, { mode: 'team' }>;
const teamOf = async (core: CockpitCore) => (await commandOf(() => core)<TeamView>('team.get', {})) as TeamModeView;
const runOf = async (core: CockpitCore) => (await commandOf(() => core)<CutoverRunView[]>('cutover.state', { waveId: W }))[0]!;

describe('four eyes', () => {
  it(
    'starts a cutover only with an approval from someone else, and holds a step until it is approved',
    async ({ skip }) => {
      if (skipReason) skip(skipReason);
      const alice = await startCore('alice', 'alice@laptop-a');
      const bob = await startCore('bob', 'bob@laptop-b');
      const asAlice = commandOf(() => alice);
      const asBob = commandOf(() => bob);

      expect((await runOf(alice)).approvalsToStart).toBe(1);
      await expect(asAlice('cutover.start', { waveId: W, by: 'alice' })).rejects.toThrow(
        "cutover.start: failed: the cutover of wave-1 needs 1 approval from the team's approvers before it starts: ask for it first",
      );
      // The refused start took the free wave and gave it back: no one holds it.
      expect((await teamOf(alice)).locks).toEqual([]);
      await asAlice('team.requestApproval', { waveId: W });
      const asked = await until(
        "bob to see alice's request",
        () => teamOf(bob),
        (view) => view.approvals.some((request) => request.status === 'pending' && request.canDecide),
        10_000,
      );
      const request = asked.approvals[0]!;
      expect(request).toMatchObject({ waveId: W, stepId: null, needed: 1, requestedBy: 'alice@laptop-a', approvals: [] });
      expect((await teamOf(alice)).approvals[0]).toMatchObject({ requestId: request.requestId, canDecide: false });
      await expect(asAlice('cutover.start', { waveId: W, by: 'alice' })).rejects.toThrow(/asked by alice@laptop-a at \d\d:\d\d:\d\d UTC; 0 of 1 given/);
      // Alice is no approver; an approver's refusal needs words.
      await expect(asAlice('team.decide', { requestId: request.requestId, decision: 'approve' })).rejects.toThrow(/alice@laptop-a is not an approver/);
      await expect(asBob('team.decide', { requestId: request.requestId, decision: 'refuse', reason: 'no' })).rejects.toThrow(/at least 10 characters/);
      await asBob('team.decide', { requestId: request.requestId, decision: 'approve', reason: 'DBA on the bridge' });
      await until(
        'alice to see the approval',
        () => teamOf(alice),
        (view) => view.approvals[0]?.status === 'granted',
        10_000,
      );

      await asAlice('cutover.start', { waveId: W, by: 'alice' });
      await until(
        'announce to wait',
        () => runOf(alice),
        (run) => run.steps[0]?.status === 'waiting',
        20_000,
        50,
      );
      // The approval was used by this start: a new start would need a new one.
      expect((await teamOf(alice)).approvals[0]?.status).toBe('used');
      await asAlice('cutover.confirmStep', { waveId: W, stepId: 'announce', by: 'alice' });

      // The switch step asks on its own, and waits.
      const stepAsk = await until(
        'the switch step to ask for its approval',
        () => teamOf(bob),
        (view) => view.approvals.some((candidate) => candidate.stepId === 'switch' && candidate.status === 'pending'),
        20_000,
      );
      const waiting = await runOf(alice);
      expect(waiting.steps[1]).toMatchObject({ status: 'running' });
      expect(waiting.steps[1]?.message).toBe("waiting for the team's approvers");
      expect((await runOf(bob)).steps[1]).toMatchObject({ status: 'running', message: "waiting for the team's approvers" });
      // Carol (operator and approver) may approve what someone else asked; the asker never their own.
      const carol = await startCore('carol', 'carol@laptop-c');
      const stepRequest = stepAsk.approvals.find((candidate) => candidate.stepId === 'switch')!;
      await until(
        'carol to see the step request',
        () => teamOf(carol),
        (view) => view.approvals.some((r) => r.requestId === stepRequest.requestId),
        10_000,
      );
      await commandOf(() => carol)('team.decide', { requestId: stepRequest.requestId, decision: 'approve' });
      await until(
        'switch to wait for its confirmation',
        () => runOf(alice),
        (run) => run.steps[1]?.status === 'waiting',
        20_000,
        50,
      );
      await asAlice('cutover.confirmStep', { waveId: W, stepId: 'switch', by: 'alice' });
      await until(
        'the run to succeed',
        () => runOf(bob),
        (run) => run.status === 'succeeded',
        20_000,
        50,
      );

      // One record: every request and decision with who, in the journal and in the evidence pack.
      const { entries } = await asBob<{ entries: JournalEntryView[] }>('journal.list', { limit: 5000 });
      expect(entries.filter((entry) => entry.kind === 'team-approval').map((entry) => [entry.phase, entry.actor, entry.message])).toEqual([
        ['started', 'alice@laptop-a', 'alice@laptop-a asks for 1 approval to start the cutover of wave-1'],
        ['succeeded', 'bob@laptop-b', "bob@laptop-b approved the start of wave-1's cutover: DBA on the bridge"],
        ['started', 'alice@laptop-a', "alice@laptop-a's runbook asks for 1 approval before step switch of wave-1"],
        ['succeeded', 'carol@laptop-c', 'carol@laptop-c approved step switch of wave-1'],
      ]);
      const start = entries.find((entry) => entry.kind === 'cutover' && entry.phase === 'started')!;
      expect(start.details).toMatchObject({ approvalRequestId: request.requestId, approvedBy: ['bob@laptop-b'] });
      const evidence = await asBob<{ content: string }>('evidence.export', { waveId: W, format: 'markdown' });
      expect(evidence.content).toContain('## Approvals (four eyes)');
      expect(evidence.content).toMatch(/\| start of the cutover \| approved \| bob@laptop-b \| DBA on the bridge \|/);
      expect(evidence.content).toMatch(/\| step switch \| approved \| carol@laptop-c \|/);
      expect(evidence.content).toContain('## Who drove the wave (wave lock)');
    },
    OPERATION_TIMEOUT,
  );
});
