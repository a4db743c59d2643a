// The Keyspaces track's gates, judged from its published views (keyspaces.stacks, keyspaces.validation,
// keyspaces.monitor): `keyspaces.load` (the bulk load's newest run SUCCEEDED), `keyspaces.dual-write` (the proxy
// watched for the wave's hold with throttle events and failed writes within its limits, monitor-side in
// dual-write-hold.ts) and `keyspaces.validation` (the newest validation clean, and taken after the bulk load
// finished). A stack whose data does not move reads green ("no Cassandra data"); a silent or degraded monitor turns
// the first two unknown.
import { MonitorWatch } from '../../monitoring/monitor-watch';
import type { MigrationPlan, StackModel } from '../../plan/model';
import type { GateJudge, GateVerdict, JudgeMoment, ReadinessPart } from '../../seam/readiness-part';
import type { KeyspacesStackView, ValidationView } from './contract';
import { keyspacesPlan } from './plan';

const NOT_MOVING: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze(['no Cassandra data']), holdRemainingSeconds: null, applies: false });
const NOT_REQUIRED: GateVerdict = Object.freeze({
  status: 'green',
  reasons: Object.freeze(['the wave does not require a validation (keyspaces.requireValidation: false)']),
  holdRemainingSeconds: null,
  applies: false,
});
const GREEN: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze([]), holdRemainingSeconds: null });
const FAILED_RUN_STATES = new Set(['FAILED', 'ERROR', 'TIMEOUT', 'STOPPED', 'EXPIRED']);

const time = (iso: string) => `${iso.slice(11, 19)} UTC (data clock)`;

class KeyspacesJudge implements GateJudge {
  /** Moving stacks of the plan and whether their wave requires a validation. */
  private readonly moving = new Map<string, boolean>();
  private readonly views = new Map<string, KeyspacesStackView>();
  private readonly validations = new Map<string, ValidationView>();
  private readonly watch = new MonitorWatch(60_000, { monitor: 'the Keyspaces monitor', data: 'Keyspaces data' });

  constructor(plan: MigrationPlan) {
    for (const wave of plan.waves) {
      const requireValidation = keyspacesPlan.ofWave(wave).keyspaces?.requireValidation ?? true;
      for (const stackId of wave.stackIds) {
        const stack = plan.stacks.get(stackId);
        if (stack && keyspacesPlan.of(stack).keyspaces) this.moving.set(stackId, requireValidation);
      }
    }
  }

  observe(event: Parameters<GateJudge['observe']>[0], now: number): boolean {
    switch (event.type) {
      case 'keyspaces.stacks':
        this.views.clear();
        for (const view of event.stacks) this.views.set(view.stackId, view);
        return true;
      case 'keyspaces.validation':
        this.validations.set(event.validation.stackId, event.validation);
        return true;
      case 'keyspaces.monitor':
        this.watch.seen(event.monitor, now);
        return true;
      default:
        return false;
    }
  }

  silence(now: number): string | null {
    return this.moving.size > 0 ? this.watch.problem(now) : null;
  }

  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void {
    const requireValidation = this.moving.get(stack.id);
    if (requireValidation === undefined) {
      out[0] = NOT_MOVING;
      out[1] = NOT_MOVING;
      out[2] = NOT_MOVING;
      return;
    }
    const view = this.views.get(stack.id);
    const unknown = moment.silence ?? (view ? null : 'the Keyspaces monitor has not reported this stack yet');
    out[0] = unknown ? { status: 'unknown', reasons: [unknown], holdRemainingSeconds: null } : loadVerdict(view!);
    out[1] = unknown ? { status: 'unknown', reasons: [unknown], holdRemainingSeconds: null } : dualWriteVerdict(view!, moment.dataNow);
    out[2] = requireValidation ? validationVerdict(this.validations.get(stack.id), view) : NOT_REQUIRED;
  }
}

function loadVerdict(view: KeyspacesStackView): GateVerdict {
  const load = view.bulkLoad;
  if (load.problem) return { status: 'unknown', reasons: [load.problem], holdRemainingSeconds: null };
  if (load.state === 'SUCCEEDED') return GREEN;
  if (load.state === null) return red(`the bulk load (Glue job ${load.jobName ?? '?'}) has not run: start it`);
  const records = load.recordsRead === null ? '' : `, ${load.recordsRead.toLocaleString('en-US')} records read`;
  if (FAILED_RUN_STATES.has(load.state))
    return red(`the bulk load's run ${load.runId ?? ''} ended ${load.state}${load.errorMessage ? `: ${load.errorMessage}` : ''}${records}`);
  return red(`the bulk load is ${load.state}${load.startedAt ? ` since ${time(load.startedAt)}` : ''}${records}`);
}

function dualWriteVerdict(view: KeyspacesStackView, dataNow: number): GateVerdict {
  if (view.proxy.problem) return { status: 'unknown', reasons: [view.proxy.problem], holdRemainingSeconds: null };
  const hold = view.dualWrite;
  if (hold.clean) return GREEN;
  const reasons: string[] = [];
  if (hold.failedWritesInHold > hold.maxFailedWrites)
    reasons.push(`${hold.failedWritesInHold} failed writes in the last ${hold.holdSeconds} s (limit ${hold.maxFailedWrites})`);
  if (hold.throttleEventsInHold > hold.maxThrottleEvents)
    reasons.push(`${hold.throttleEventsInHold} Keyspaces throttle events in the last ${hold.holdSeconds} s (limit ${hold.maxThrottleEvents})`);
  if (hold.holdEndsAt === null) return red(...(reasons.length > 0 ? reasons : ['the dual-write proxy has not been read yet']));
  const endsAt = Date.parse(hold.holdEndsAt);
  if (reasons.length === 0)
    reasons.push(
      `clean since ${hold.observedSince ? time(hold.observedSince) : 'the first reading'}; the ${hold.holdSeconds} s hold ends at ${time(hold.holdEndsAt)}`,
    );
  return { status: 'red', reasons, holdRemainingSeconds: Math.max(0, Math.ceil((endsAt - dataNow) / 1000)), holdEndsAt: hold.holdEndsAt };
}

function validationVerdict(validation: ValidationView | undefined, view: KeyspacesStackView | undefined): GateVerdict {
  if (!validation) return red('not validated yet: validate the stack (origin and Keyspaces compared over CQL)');
  switch (validation.state) {
    case 'running':
      return red(`validation running: ${validation.rangesDone} of ${validation.rangesTotal} token ranges compared`);
    case 'failed':
      return red(`the validation failed: ${validation.problem ?? 'unknown error'}`);
    case 'cancelled':
      return red(`the validation of ${time(validation.startedAt)} was cancelled: validate again`);
    case 'mismatches':
      return red(
        ...validation.tables
          .filter(
            (table) => table.problem || table.countMismatchCount + table.rowMismatchCount + table.uncheckedCount > 0 || table.columnDifferences.length > 0,
          )
          .map((table) => `table ${table.table}: ${table.problem ?? mismatchText(table)}`),
        ...(validation.problem ? [validation.problem] : []),
      );
    case 'clean': {
      const loaded = view?.bulkLoad.completedAt;
      if (validation.scope === 'recheck') return red('the last validation re-checked some ranges only: validate the whole tables');
      if (loaded && validation.finishedAt && validation.finishedAt < loaded)
        return red(`the validation of ${time(validation.finishedAt)} is older than the bulk load's end (${time(loaded)}): validate again`);
      return GREEN;
    }
  }
}

function mismatchText(table: ValidationView['tables'][number]): string {
  const parts = [
    table.countMismatchCount > 0 ? `${table.countMismatchCount} token ranges differ in row count` : '',
    table.rowMismatchCount > 0 ? `${table.rowMismatchCount} sampled rows differ` : '',
    table.uncheckedCount > 0 ? `${table.uncheckedCount} ranges could not be checked` : '',
    ...table.columnDifferences,
  ];
  return parts.filter(Boolean).join('; ');
}

const red = (...reasons: string[]): GateVerdict => ({ status: 'red', reasons, holdRemainingSeconds: null });

export const keyspacesReadiness: ReadinessPart = {
  gates: [
    { id: 'keyspaces.load', label: 'Bulk load', help: "The stack's bulk-load job (Glue) ran to SUCCEEDED: the history is in Keyspaces." },
    {
      id: 'keyspaces.dual-write',
      label: 'Dual writes',
      help: "The dual-write proxy was watched for the wave's hold with failed writes on either side and Keyspaces throttle events within the wave's limits.",
    },
    {
      id: 'keyspaces.validation',
      label: 'Validation',
      help: 'The newest validation (row counts per token range and sampled row checksums, origin against Keyspaces over CQL) was clean and ran after the bulk load finished.',
    },
  ],
  createJudge: (plan) => new KeyspacesJudge(plan),
};
