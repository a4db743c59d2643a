// common/ — the scheduled-jobs track's values: its command names (main/tracks/schedules/contract.ts declares their
// schemas), its runbook action type (main/tracks/schedules/plan.ts declares it; main/cutover/catalog.test.ts holds the
// two together), what a slot's ledger says about it and the kinds of the track's alerts.
export const SCHEDULES_COMMAND_NAMES = ['schedules.snapshot', 'schedules.test-invoke', 'schedules.alerts.ack'] as const;

export const SCHEDULES_ACTION_TYPES = ['schedules-handover'] as const;

/**
 * What the slot ledger says about one slot: not come yet; come and still within its tolerance (a run may yet start or
 * be read); run in the data center only; on AWS only; on both sides (a double run); on neither (a missed run).
 */
export const SLOT_VERDICTS = ['upcoming', 'open', 'dc', 'aws', 'double', 'missed'] as const;
export type SlotVerdict = (typeof SLOT_VERDICTS)[number];

export const SCHEDULE_ALERT_KINDS = [
  'double-run',
  'missed-run',
  'dc-failure',
  'aws-failure',
  'throttled',
  'dropped',
  'duplicate-delivery',
  'both-triggers-on',
] as const;
export type ScheduleAlertKind = (typeof SCHEDULE_ALERT_KINDS)[number];
