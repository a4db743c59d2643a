// The DMS track's part of a wave's evidence pack: the task stats and validation counts journaled at each moment of a
// run (`details.dms` of the `cutover-snapshot` entry, with the write rate a rollback's loss estimate reads), the
// "Replication at …" sections drawn from them, the task control the journal recorded, and in the plan excerpt the
// wave's Gates row and the stacks' Replication and Reverse task columns.
import type { DataClockView } from '../../api/contract/shared';
import type { DmsRunbookRuntime } from './monitor/runbook-runtime';
import type { JournalEntry } from '../../journal/entry';
import { actorText } from '../../journal/entry';
import type { MigrationPlan } from '../../plan/model';
import type { EvidenceJournal, EvidencePart, EvidenceSection } from '../../seam/evidence-part';
import { dmsPlan } from './plan';

/** The wave's tasks as they stand, for the journal (every time on the core's clock). */
function snapshot(waveId: string, plan: MigrationPlan, runtime: DmsRunbookRuntime): Record<string, unknown>[] {
  const stacks = new Set(plan.waves.find((wave) => wave.id === waveId)?.stackIds ?? []);
  const clock = runtime.dataClock();
  return runtime
    .dmsTasks()
    .filter((task) => stacks.has(task.stackId))
    .map((task) => ({
      taskKey: task.key,
      taskId: task.taskId,
      stackId: task.stackId,
      status: task.status,
      phase: task.phase,
      fullLoadPercent: task.fullLoadPercent,
      tables: task.tables,
      cdcLatencySourceSeconds: task.latest.cdcLatencySourceSeconds,
      cdcLatencyTargetSeconds: task.latest.cdcLatencyTargetSeconds,
      cdcIncomingChanges: task.latest.cdcIncomingChanges,
      // The application's write rate (mean CDC rows/s applied over the last 10 min of data): a later rollback's
      // estimate of the writes it would lose (compensations.ts).
      writeRowsPerSecond: writeRate(runtime, task.key),
      validation: task.validation,
      gate: task.gate.status,
      // The journal keeps one clock, the core's: a data time of an accelerated rehearsal is converted to it.
      metricsAt: toCoreClock(task.freshness.metricsAt, clock),
      stale: task.freshness.stale,
    }));
}

function writeRate(runtime: DmsRunbookRuntime, taskKey: string): number | null {
  const series = runtime.dmsSeries(taskKey).find((candidate) => candidate.metric === 'CDCThroughputRowsTarget');
  const mean = series ? meanOfRecent(series.points, 10 * 60_000) : null;
  return mean === null ? null : Math.round(mean * 100) / 100;
}

/** Mean of a series' values over its last `windowMs` (its own clock): the write rate to journal at a run's start. */
export function meanOfRecent(points: readonly (readonly [number, number])[], windowMs: number): number | null {
  const last = points.at(-1);
  if (!last) return null;
  let sum = 0;
  let count = 0;
  for (let i = points.length - 1; i >= 0 && points[i]![0] >= last[0] - windowMs; i--) {
    sum += points[i]![1];
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** A time on the replication data's clock as the core's (wall) clock read it then; unchanged without a data clock. */
export function toCoreClock(dataIso: string | null, clock: DataClockView | null): string | null {
  if (!dataIso || !clock || clock.rate === 1) return dataIso;
  const data = Date.parse(dataIso);
  const at = Date.parse(clock.at);
  const wallAt = Date.parse(clock.wallAt);
  if (![data, at, wallAt].every(Number.isFinite)) return dataIso;
  return new Date(wallAt + (data - at) / clock.rate).toISOString();
}

/** "Replication at <moment>": the wave's tasks as each snapshot of the run journaled them. */
function runSections(snapshots: readonly JournalEntry[]): EvidenceSection[] {
  return snapshots
    .filter((entry) => Array.isArray(entry.details?.dms))
    .map((entry) => {
      const tasks = entry.details!.dms as Record<string, unknown>[];
      return {
        title: `Replication at ${String(entry.details!.moment)} (${entry.at})`,
        level: 3,
        blocks: [
          tasks.length === 0
            ? { kind: 'p', text: 'No replication task in the wave.' }
            : {
                kind: 'table',
                head: [
                  'Task',
                  'Stack',
                  'Status',
                  'Full load',
                  'Latency source / target (s)',
                  'Incoming changes',
                  'Tables loaded / errored',
                  'Validation (failed / suspended)',
                  'Data as of',
                ],
                rows: tasks.map(taskRow),
              },
        ],
      };
    });
}

function taskRow(task: Record<string, unknown>): string[] {
  if (typeof task.error === 'string') return [`(not read: ${task.error})`, '', '', '', '', '', '', '', ''];
  const num = (value: unknown) => (typeof value === 'number' ? String(Math.round(value * 100) / 100) : '—');
  const tables = task.tables as { loaded: number; errored: number } | null | undefined;
  const validation = task.validation as { state: string; failedRecords: number; suspendedRecords: number } | null | undefined;
  return [
    String(task.taskId ?? task.taskKey ?? ''),
    String(task.stackId ?? ''),
    `${String(task.status ?? '—')} (${String(task.phase ?? '')})`,
    task.fullLoadPercent === null || task.fullLoadPercent === undefined ? '—' : `${num(task.fullLoadPercent)} %`,
    `${num(task.cdcLatencySourceSeconds)} / ${num(task.cdcLatencyTargetSeconds)}`,
    num(task.cdcIncomingChanges),
    tables ? `${tables.loaded} / ${tables.errored}` : '—',
    validation ? `${validation.state} (${validation.failedRecords} / ${validation.suspendedRecords})` : 'not read',
    `${String(task.metricsAt ?? '—')}${task.stale ? ' (STALE)' : ''}`,
  ];
}

/** "Replication task control": every dms-* operation on the wave's tasks, with the step it ran for. */
function sections({ related, partOf }: EvidenceJournal): EvidenceSection[] {
  const control = related.filter((entry) => entry.kind.startsWith('dms-') && entry.phase !== 'started');
  return [
    {
      title: 'Replication task control',
      level: 2,
      blocks:
        control.length > 0
          ? [
              {
                kind: 'table',
                head: ['At', 'Task', 'Action', 'Result', 'By', 'Part of', 'Message'],
                rows: control.map((entry) => [
                  entry.at,
                  entry.target.type === 'replication-task' ? (entry.target.taskId ?? entry.target.taskKey) : '',
                  entry.kind.slice(4),
                  entry.phase,
                  actorText(entry),
                  partOf(entry),
                  entry.message ?? '',
                ]),
              },
            ]
          : [{ kind: 'p', text: 'None.' }],
    },
  ];
}

export const dmsEvidence: EvidencePart<DmsRunbookRuntime> = {
  snapshot,
  runSections,
  sections,
  waveRows: (wave) => {
    const { gates } = dmsPlan.ofWave(wave);
    return [
      [
        'Gates',
        gates
          ? `CDC latency ≤ ${gates.maxCdcLatencySeconds} s held ${gates.holdSeconds} s; validation ${gates.requireValidation ? 'required' : 'not required'}; table errors ≤ ${gates.maxTableErrors}`
          : '—',
      ],
    ];
  },
  stackColumns: {
    head: ['Replication', 'Reverse task'],
    cells: (stack) => {
      const { replicationTasks, fallback } = dmsPlan.of(stack);
      return [
        replicationTasks.map((task) => ('taskId' in task ? task.taskId : `from output ${task.fromStackOutput}`)).join(', ') || '—',
        fallback?.reverseTaskId ?? '—',
      ];
    },
  },
};
