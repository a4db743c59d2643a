// What the environment banner says and in which colour: the rehearsal (purple), AWS (blue), AWS production (red,
// strong), no plan (neutral). The words come from the core's environment view only; a production session says
// PRODUCTION first, whatever else is known or not, so it never reads like a rehearsal.
import type { AccountEnvironment, EnvironmentView } from '../../../main/api/contract';
import { formatClock, formatUtcSeconds } from './format';

export type EnvironmentTone = 'none' | 'rehearsal' | 'aws' | 'production';

export interface EnvironmentBannerModel {
  readonly tone: EnvironmentTone;
  /** The first word, shown as a badge: No plan, Rehearsal, AWS, PRODUCTION. */
  readonly label: string;
  /** Where: the environment, account and region (and the rehearsal's URL and clock rate). */
  readonly where: string;
  /** As whom: the caller identity on AWS, and the operator's OS user everywhere. */
  readonly who: string;
  /** What is wrong or about to be (identity unknown, credentials expired or expiring), or null. */
  readonly problem: string | null;
  readonly problemSeverity: 'error' | 'warning' | null;
  /** Whether asking the core to check the identity again makes sense (AWS, or accounts in the rehearsal). */
  readonly canCheckAgain: boolean;
}

/** Credentials that expire sooner than this are announced in the banner. */
export const EXPIRY_WARNING_MS = 15 * 60_000;

export function environmentBanner(view: EnvironmentView, nowMs: number): EnvironmentBannerModel {
  const operator = `operator ${view.operator}`;
  switch (view.kind) {
    case 'none':
      return {
        tone: 'none',
        label: 'No plan',
        where: 'No plan is loaded: the cockpit acts on nothing',
        who: operator,
        problem: null,
        problemSeverity: null,
        canCheckAgain: false,
      };
    case 'rehearsal': {
      const at = view.endpoint ? `simulated AWS at ${view.endpoint}` : 'simulated AWS (not running)';
      // With the plan's accounts beside it (the chips), the banner's own account is the sign-in's: said so.
      const account = `${signIn(view)}account ${view.accountId ?? 'unknown'}`;
      const rate =
        view.clockRate !== null && view.clockRate !== 1
          ? `, clock ×${formatRate(view.clockRate)} (${formatRate(view.clockRate)} simulated seconds per real second)`
          : '';
      const unusable = accountsProblem(view);
      return {
        tone: 'rehearsal',
        label: 'Rehearsal',
        where: `Rehearsal — ${at}, ${account}, ${view.region ?? 'no region'}${rate}`,
        who: operator,
        problem: view.error ?? unusable,
        problemSeverity: view.error ? (view.status === 'error' ? 'error' : 'warning') : unusable ? 'error' : null,
        // The accounts' sessions are checked at the rehearsal's STS too.
        canCheckAgain: view.accounts.length > 0,
      };
    }
    case 'aws': {
      const production = view.production;
      const account = `${signIn(view)}${view.accountId ? `account ${view.accountId}` : view.status === 'checking' ? 'account not known yet' : 'account unknown'}`;
      const via = view.endpoint ? ` via ${view.endpoint}` : '';
      const where = `${production ? 'PRODUCTION — ' : ''}AWS ${account}, ${view.region ?? 'no region'}${via}`;
      const profile = view.profile ? ` (profile ${view.profile})` : '';
      const caller = view.caller
        ? `as ${view.caller.principal}${profile} — ${view.caller.arn}`
        : view.status === 'checking'
          ? `checking who the credentials${profile} belong to…`
          : `identity unknown${profile}`;
      return {
        tone: production ? 'production' : 'aws',
        label: production ? 'PRODUCTION' : 'AWS',
        where,
        who: `${caller} · ${operator}`,
        ...awsProblem(view, nowMs),
        canCheckAgain: view.status !== 'checking',
      };
    }
  }
}

/**
 * The accounts that cannot be used, said in the problem line (the chips only mark them): the first with its reason,
 * how many more there are. Null when every account is usable (or still being checked).
 */
function accountsProblem(view: EnvironmentView): string | null {
  const unusable = view.accounts.filter((account) => account.status === 'error');
  const first = unusable[0];
  if (!first) return null;
  const more = unusable.length > 1 ? `; ${unusable.length - 1} more account(s) unusable (hover their chips)` : '';
  return `Account ${first.name} (${first.id}) unusable: ${first.error ?? 'no reason given'}${more}`;
}

function awsProblem(view: EnvironmentView, nowMs: number): Pick<EnvironmentBannerModel, 'problem' | 'problemSeverity'> {
  const checked = view.checkedAt ? ` (checked ${formatUtcSeconds(view.checkedAt)})` : '';
  if (view.status === 'error') return { problem: `Caller identity unknown: ${view.error ?? 'no reason given'}${checked}`, problemSeverity: 'error' };
  const unusable = accountsProblem(view);
  if (unusable) return { problem: unusable, problemSeverity: 'error' };
  const expiresAt = view.credentialsExpireAt ? Date.parse(view.credentialsExpireAt) : NaN;
  if (view.status === 'ok' && Number.isFinite(expiresAt)) {
    if (expiresAt <= nowMs)
      return {
        problem: `The credentials expired at ${formatClock(view.credentialsExpireAt!)} UTC; the identity is being checked again`,
        problemSeverity: 'error',
      };
    if (expiresAt - nowMs <= EXPIRY_WARNING_MS) {
      const minutes = Math.max(1, Math.ceil((expiresAt - nowMs) / 60_000));
      return {
        problem: `The credentials expire at ${formatClock(view.credentialsExpireAt!)} UTC (in ${minutes} min): sign in again before then`,
        problemSeverity: 'warning',
      };
    }
  }
  return { problem: null, problemSeverity: null };
}

function formatRate(rate: number): string {
  return Number.isInteger(rate) ? String(rate) : rate.toFixed(rate < 10 ? 2 : 1).replace(/\.?0+$/, '');
}

/** One account in use, as the banner shows it: a chip with its name and id, its state, and the details on hover. */
export interface AccountChip {
  readonly key: string;
  /** `name (id)`, with PRODUCTION first for a production account. */
  readonly text: string;
  readonly status: AccountEnvironment['status'];
  readonly production: boolean;
  /** The state in a word or the reason it is not usable. */
  readonly state: string;
  /** Everything else: organizational unit, regions, the assumed-role ARN, the reason on error. */
  readonly title: string;
}

export function accountChips(view: EnvironmentView): AccountChip[] {
  return view.accounts.map((account) => {
    const state = account.status === 'ok' ? 'ok' : account.status === 'checking' ? 'checking…' : 'unusable';
    const details = [
      `${account.production ? 'PRODUCTION account' : 'Account'} ${account.name} (${account.id}), ${account.organizationalUnit}, ${account.regions.join(', ')}`,
      account.callerArn ? `as ${account.callerArn}${account.principal ? ` (${account.principal})` : ''}` : null,
      account.credentialsExpireAt && account.status === 'ok'
        ? `session until ${formatUtcSeconds(account.credentialsExpireAt)}, renewed before it expires`
        : null,
      account.error,
    ];
    return {
      key: account.id,
      text: `${account.production ? 'PRODUCTION ' : ''}${account.name} (${account.id})`,
      status: account.status,
      production: account.production,
      state,
      title: details.filter((line): line is string => line !== null).join('\n'),
    };
  });
}

/** "sign-in " when the plan has accounts of its own: the banner's account is then where the operator signed in. */
function signIn(view: Pick<EnvironmentView, 'accounts'>): string {
  return view.accounts.length > 0 ? 'sign-in ' : '';
}
