// What team mode adds to the core's wiring, kept out of cockpit-core.ts: the team commands, which plans the running
// journal accepts, the runbook's lock and approvals, and the role and lock checks before a track's acting command.
// Each piece is inert without a team session (a one-operator cockpit on its own journal).
import { CommandError } from '../../common/command-error';
import type { TeamView, TrackCommandHandlers } from '../api/contract';
import type { CommandHandlers } from '../api/dispatcher';
import type { RunbookApprovals } from '../cutover/runbook';
import type { PlanLoadResult } from '../plan/load';
import type { MigrationPlan } from '../plan/model';
import { LOCAL_TEAM_VIEW, type TeamSession } from '../team/team-session';
import { guardTrackCommands } from '../team/track-guard';
import type { CoreServices } from './service-commands';

type Session = () => TeamSession | undefined;

function inTeam(session: Session): TeamSession {
  const team = session();
  if (!team) throw new CommandError('failed', 'this cockpit works alone (its plan has no team section): there are no wave locks to ask for or hand over');
  return team;
}

type TeamCommandName = 'team.get' | 'team.requestControl' | 'team.handOver' | 'team.release' | 'team.requestApproval' | 'team.decide';

export function teamCommands(session: Session, plan: () => MigrationPlan | undefined): Pick<CommandHandlers, TeamCommandName> {
  return {
    'team.get': async (): Promise<TeamView> => session()?.view() ?? LOCAL_TEAM_VIEW,
    'team.requestControl': async ({ waveId }) => inTeam(session).requestControl(waveId),
    'team.handOver': async ({ waveId }) => inTeam(session).handOver(waveId),
    'team.release': async ({ waveId }) => inTeam(session).release(waveId),
    'team.requestApproval': async ({ waveId }) => inTeam(session).requestApproval(waveId, plan()?.waves.find((wave) => wave.id === waveId)?.cutover?.approvals),
    'team.decide': async ({ requestId, decision, reason }) => inTeam(session).decide(requestId, decision, reason),
  };
}

/**
 * A plan whose journal is elsewhere (another team store or migration, or the local file) is refused while this
 * core runs: it keeps journaling where it started, and says how to switch. A plan on the same store is followed
 * (its people's roles apply from now on).
 */
export function refuseOtherStore(team: TeamSession | undefined, result: PlanLoadResult): PlanLoadResult {
  if (!result.ok) return result;
  const wanted = result.plan.team;
  const same = team ? team.joins(wanted) : wanted === undefined;
  if (same) {
    if (team && wanted) team.follow(wanted);
    return result;
  }
  const here = team ? `the team store ${team.team.store.url} (migration ${team.team.migration})` : "this machine's own journal";
  const there = wanted ? `the team store ${wanted.store.url} (migration ${wanted.migration})` : 'a local journal (it has no team section)';
  const message = `this cockpit journals to ${here}; this plan journals to ${there}. Start a cockpit with this plan to work on it (the journal of a running cockpit never moves)`;
  return {
    ok: false,
    file: result.plan.file,
    issues: [{ severity: 'error', file: result.plan.file, line: 1, column: 1, path: wanted ? 'team' : '', message }],
  };
}

/** The runbook in team mode: whose runs are this cockpit's, the lock before each step, the approvals it waits for. */
export function teamRunbookOptions(session: Session, operator: string) {
  if (!session()) return {};
  const approvals: RunbookApprovals = {
    forStart: (waveId, needed) => {
      const granted = inTeam(session).approvals.grantedStart(waveId, needed);
      return { requestId: granted.requestId, approvedBy: granted.approvals.map((approval) => approval.by) };
    },
    forStep: (...args) => inTeam(session).approvals.forStep(...args),
  };
  return { ownActor: operator, mayProceed: (waveId: string) => session()?.mayProceed(waveId), approvals };
}

/** The core's acting commands in team mode: nothing new while the store is away, and the wave's lock first. */
export function teamServiceChecks(session: Session): Pick<CoreServices, 'startRefusal' | 'claim'> {
  if (!session()) return {};
  return {
    startRefusal: () => session()?.startRefusal(),
    claim: (waveId, purpose, what, claimOptions) => inTeam(session).claim(waveId, purpose, what, claimOptions),
  };
}

/**
 * The tracks' commands in team mode: an acting one needs the store (unless it only stops something), the role, and
 * the lock of the wave it acts on (named by its request: a wave, a stack, or a task of a stack).
 */
export function teamTrackHandlers(session: Session, handlers: TrackCommandHandlers, plan: () => MigrationPlan | undefined): TrackCommandHandlers {
  if (!session()) return handlers;
  return guardTrackCommands(handlers, async (name, safety, request) => {
    if (!safety) {
      const refusal = session()?.startRefusal();
      if (refusal) throw new CommandError('failed', refusal);
    }
    return inTeam(session).claim(waveOfTrackRequest(plan(), request), 'operate', name, { safety });
  });
}

/** The wave a track command's request acts on: its `waveId`, or the wave of its `stackId` or `taskKey` (stack#n). */
export function waveOfTrackRequest(plan: MigrationPlan | undefined, request: unknown): string | null {
  if (typeof request !== 'object' || request === null) return null;
  const fields = request as { waveId?: unknown; stackId?: unknown; taskKey?: unknown };
  if (typeof fields.waveId === 'string') return fields.waveId;
  const stackId = typeof fields.stackId === 'string' ? fields.stackId : typeof fields.taskKey === 'string' ? fields.taskKey.split('#')[0] : undefined;
  if (stackId === undefined || !plan) return null;
  return plan.waves.find((wave) => wave.stackIds.includes(stackId))?.id ?? null;
}
