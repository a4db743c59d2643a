// What the environment banner says and in which colour: the rehearsal (purple), AWS (blue), AWS production (red,
// strong), no plan (neutral). The words come from the core's environment view only; a production session says
// PRODUCTION first, whatever else is known or not, so it never reads like a rehearsal.
import type { EnvironmentView } from '../../../main/api/contract';
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
  /** Whether asking the core to check the identity again makes sense (AWS only). */
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
      const account = `account ${view.accountId ?? 'unknown'}`;
      const rate =
        view.clockRate !== null && view.clockRate !== 1
          ? `, clock ×${formatRate(view.clockRate)} (${formatRate(view.clockRate)} simulated seconds per real second)`
          : '';
      return {
        tone: 'rehearsal',
        label: 'Rehearsal',
        where: `Rehearsal — ${at}, ${account}, ${view.region ?? 'no region'}${rate}`,
        who: operator,
        problem: view.error,
        problemSeverity: view.error ? (view.status === 'error' ? 'error' : 'warning') : null,
        canCheckAgain: false,
      };
    }
    case 'aws': {
      const production = view.production;
      const account = view.accountId ? `account ${view.accountId}` : view.status === 'checking' ? 'account not known yet' : 'account unknown';
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

function awsProblem(view: EnvironmentView, nowMs: number): Pick<EnvironmentBannerModel, 'problem' | 'problemSeverity'> {
  const checked = view.checkedAt ? ` (checked ${formatUtcSeconds(view.checkedAt)})` : '';
  if (view.status === 'error') return { problem: `Caller identity unknown: ${view.error ?? 'no reason given'}${checked}`, problemSeverity: 'error' };
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
