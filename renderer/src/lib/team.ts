// The team banner's words (pure): in team mode, which store and migration this cockpit shares, who this operator
// is to the team, and, when the store is away, what that means for the operator: what is shown is what this cockpit
// last knew, nothing new starts, and how many entries wait to be stored. Local mode shows nothing.
import type { TeamView } from '../../../main/api/contract';
import { formatClock, formatUtcSeconds, plural } from './format';

export interface TeamBannerModel {
  /** ok: connected; warning: being reached or away. */
  readonly tone: 'ok' | 'warning';
  readonly label: string;
  /** The store and migration, and who this operator is. */
  readonly text: string;
  /** What the store being away means now, or null. */
  readonly problem: string | null;
}

const ROLE_WORDS = { viewer: 'viewer', operator: 'operator', approver: 'approver' } as const;

export function teamBanner(view: TeamView | null): TeamBannerModel | null {
  if (!view || view.mode === 'local') return null;
  const roles = view.me.roles.map((role) => ROLE_WORDS[role]).join(' and ');
  const rolesNote =
    view.me.rolesFrom === 'not-listed'
      ? ' (not listed in the plan’s team)'
      : view.me.rolesFrom === 'no-people-listed'
        ? ' (the plan lists no people: everyone)'
        : '';
  const text = `Migration ${view.migration} · store ${storeHost(view.store)} · you are ${view.me.actor}, ${roles}${rolesNote}`;
  const waiting =
    view.pending > 0
      ? ` ${plural(view.pending, 'journal entry', 'journal entries')} of this cockpit ${view.pending === 1 ? 'waits' : 'wait'} to be stored.`
      : '';
  switch (view.connection.state) {
    case 'connected':
      return { tone: 'ok', label: 'Team', text, problem: null };
    case 'connecting':
      return {
        tone: 'warning',
        label: 'Team — connecting',
        text,
        problem: `Reaching the team store since ${formatUtcSeconds(view.connection.since)}.${waiting}`,
      };
    case 'away':
    case 'closed': {
      const why = view.connection.reason ? ` (${view.connection.reason})` : '';
      return {
        tone: 'warning',
        label: 'Team store unreachable',
        text,
        problem: `Since ${formatUtcSeconds(view.connection.since)}${why}. Shown is what this cockpit last knew; nothing new starts until the store is back.${waiting}`,
      };
    }
  }
}

/** host:port/database of a postgres:// URL (its user and parameters left out); the URL itself if it is not one. */
function storeHost(url: string): string {
  const match = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]+)(\/[^?]*)?/.exec(url);
  return match ? `${match[1]}${match[2] ?? ''}` : url;
}

type TeamModeView = Extract<TeamView, { mode: 'team' }>;

/** A wave lock's purpose in words (the team banner's, the war room's). */
export const PURPOSE_WORDS = { deploy: 'deploying', cutover: 'cutover', rollback: 'rolling back', operate: 'operating stacks' } as const;

export interface TeamLockRow {
  readonly waveId: string;
  readonly mine: boolean;
  readonly expired: boolean;
  /** "wave-1: you (cutover, since 02:01:03 UTC) · bob@b asks for control". */
  readonly text: string;
  /** What this operator can do about it. */
  readonly actions: readonly ('request' | 'handOver' | 'release')[];
  readonly requestedBy: string | null;
}

/** Each wave lock in words, with the controls this operator has on it. */
export function teamLockRows(view: TeamModeView): TeamLockRow[] {
  return view.locks.map((lock) => {
    const who = lock.mine ? 'you' : lock.holder;
    const state = lock.expired ? `, lease lapsed at ${formatClock(lock.expiresAt)} UTC: the next to act takes it over` : '';
    const asked = lock.request
      ? ` · ${lock.request.by === view.me.actor ? 'you ask' : `${lock.request.by} asks`} for control since ${formatClock(lock.request.at)} UTC`
      : '';
    const actions: TeamLockRow['actions'] = lock.mine
      ? [...(lock.request ? (['handOver'] as const) : []), 'release']
      : lock.request?.by === view.me.actor || lock.expired
        ? []
        : ['request'];
    return {
      waveId: lock.waveId,
      mine: lock.mine,
      expired: lock.expired,
      text: `${lock.waveId}: ${who} (${PURPOSE_WORDS[lock.purpose]}, since ${formatClock(lock.since)} UTC${state})${asked}`,
      actions,
      requestedBy: lock.request?.by ?? null,
    };
  });
}

/** "On this plan: alice@a (operator), bob@b (operator, approver)" — the others on the plan, or null when alone. */
export function teamPresence(view: TeamModeView): string | null {
  const others = view.present.filter((person) => !person.me && person.kind === 'cockpit');
  const watching = view.present.filter((person) => person.kind === 'war-room');
  // While the store is away this cockpit cannot know who is there: it says what it last saw.
  const known = view.connection.state === 'connected';
  const cockpits =
    others.length > 0
      ? `${known ? 'Also on this plan' : 'Last seen on this plan'}: ${others.map((person) => `${person.actor} (${person.roles.join(', ')})`).join(', ')}`
      : null;
  const wall =
    watching.length > 0
      ? `${known ? 'watching' : 'last seen watching'} the war room: ${watching.map((person) => `${person.actor} (on ${person.via ?? 'a cockpit'}'s)`).join(', ')}`
      : null;
  if (cockpits && wall) return `${cockpits}; ${wall}`;
  if (wall) return known ? `No other cockpit on this plan now; ${wall}` : `${wall[0]!.toUpperCase()}${wall.slice(1)}`;
  return cockpits ?? (known ? 'No one else on this plan now' : null);
}

type ApprovalView = TeamModeView['approvals'][number];

/** What an approval request is for, in words. */
export function approvalSubject(request: Pick<ApprovalView, 'waveId' | 'stepId'>): string {
  return request.stepId ? `step ${request.stepId} of ${request.waveId}` : `the start of ${request.waveId}'s cutover`;
}

/** A request's state in words: who asked when, what is given, who refused and why. */
export function approvalText(request: ApprovalView): string {
  const asked = `asked by ${request.requestedBy} at ${formatClock(request.requestedAt)} UTC`;
  const given = request.approvals.map((approval) => `${approval.by} at ${formatClock(approval.at)} UTC${approval.note ? ` (“${approval.note}”)` : ''}`);
  switch (request.status) {
    case 'pending':
      return `${asked}; ${request.approvals.length} of ${request.needed} approval${request.needed === 1 ? '' : 's'} given${given.length > 0 ? `: ${given.join(', ')}` : ''}`;
    case 'granted':
      return `approved by ${given.join(', ')} (${asked})`;
    case 'used':
      return `approved by ${given.join(', ')}; used by the run it started`;
    case 'refused':
      return `refused by ${request.refusal!.by} at ${formatClock(request.refusal!.at)} UTC: “${request.refusal!.reason}” (${asked})`;
    case 'withdrawn':
      return `withdrawn (${asked})`;
  }
}

/**
 * The approvals a wave's start needs, for the runbook panel: its state in words and whether this operator can ask
 * (an operator, no request pending or granted); null when the wave needs none or the cockpit works alone.
 */
export function startApproval(
  view: TeamView | null,
  waveId: string,
  needed: number | undefined,
  newRun = false,
): { text: string; canAsk: boolean; status: ApprovalView['status'] | 'not-asked' } | null {
  if (needed === undefined || !view || view.mode !== 'team') return null;
  const request = view.approvals.find((candidate) => candidate.waveId === waveId && candidate.stepId === null && candidate.status !== 'used');
  const head = `${newRun ? "A new run's start" : 'The start'} needs ${needed} approval${needed === 1 ? '' : 's'} from the team's approvers (four eyes)`;
  // Asking needs the store (the request is a journal entry the approvers read).
  const operator = view.me.roles.includes('operator') && view.connection.state === 'connected';
  if (!request) return { text: `${head}: not asked yet.`, canAsk: operator, status: 'not-asked' };
  return {
    text: `${head}: ${approvalText(request)}.`,
    canAsk: operator && (request.status === 'refused' || request.status === 'withdrawn'),
    status: request.status,
  };
}

/**
 * Whether this operator watches a wave rather than drives it (team mode), and why: not an operator of the team, or
 * another operator holds the wave's lock (lapsed locks are free: acting takes them over). null: this operator may act.
 */
export function watchingReason(view: TeamView | null, waveId: string): string | null {
  if (!view || view.mode !== 'team') return null;
  const lock = view.locks.find((candidate) => candidate.waveId === waveId);
  if (!view.me.roles.includes('operator')) {
    const driver =
      lock && !lock.expired
        ? `${lock.holder} drives it (${PURPOSE_WORDS[lock.purpose]}, since ${formatClock(lock.since)} UTC)`
        : 'an operator of the team drives it';
    return `You watch this wave as ${view.me.roles.join(' and ')}: ${driver}.`;
  }
  if (!lock || lock.mine || lock.expired) return null;
  return `${lock.holder} drives this wave (${PURPOSE_WORDS[lock.purpose]}, since ${formatClock(lock.since)} UTC); you watch. Ask for control in the team banner.`;
}
