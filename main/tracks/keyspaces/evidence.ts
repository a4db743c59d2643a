// The Keyspaces track's part of a wave's evidence pack: at each moment of a run, every moving stack of the wave as
// the monitor and the validations saw it (`details.keyspaces` of the `cutover-snapshot` entry); the "Keyspaces at
// <moment>" sections drawn from those; the bulk loads started and the validations run, with their findings, as the
// journal recorded them; the wave's Keyspaces gates and each stack's keyspaces in the plan excerpt.
import type { JournalEntry } from '../../journal/entry';
import { actorText } from '../../journal/entry';
import type { MigrationPlan } from '../../plan/model';
import type { EvidenceJournal, EvidencePart, EvidenceSection } from '../../seam/evidence-part';
import type { KeyspacesStackView, TableValidationView, ValidationView } from './contract';
import { keyspacesPlan } from './plan';
import { targetKeyspaceOf } from './plan-schema';
import type { KeyspacesRuntime } from './runtime';

interface StackSnapshot {
  readonly stackId: string;
  readonly view: KeyspacesStackView | null;
  readonly validation: ValidationView | null;
}

function snapshot(waveId: string, plan: MigrationPlan, runtime: KeyspacesRuntime): StackSnapshot[] {
  const wave = plan.waves.find((candidate) => candidate.id === waveId);
  const views = new Map(runtime.stackViews().map((view) => [view.stackId, view]));
  const validations = new Map(runtime.validationViews().map((view) => [view.stackId, view]));
  return (wave?.stackIds ?? [])
    .filter((stackId) => {
      const stack = plan.stacks.get(stackId);
      return stack !== undefined && keyspacesPlan.of(stack).keyspaces !== undefined;
    })
    .map((stackId) => ({ stackId, view: views.get(stackId) ?? null, validation: validations.get(stackId) ?? null }));
}

const count = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '—' : `${value.toLocaleString('en-US')} ${unit}`);

function runSections(snapshots: readonly JournalEntry[]): EvidenceSection[] {
  return snapshots
    .filter((entry) => Array.isArray(entry.details?.keyspaces) && (entry.details.keyspaces as unknown[]).length > 0)
    .map((entry) => ({
      title: `Keyspaces at ${String(entry.details!.moment)} (${entry.at})`,
      level: 3,
      blocks: [
        {
          kind: 'table',
          head: ['Stack', 'Bulk load', 'Dual writes (hold)', 'Failed writes origin / target', 'Validation', 'Data as of'],
          rows: (entry.details!.keyspaces as StackSnapshot[]).map(snapshotRow),
        },
      ],
    }));
}

function snapshotRow({ stackId, view, validation }: StackSnapshot): string[] {
  if (!view) return [stackId, 'not reported yet', '', '', validationText(validation), ''];
  const load = view.bulkLoad;
  const hold = view.dualWrite;
  return [
    stackId,
    load.state ? `${load.state}${load.recordsRead !== null ? `, ${count(load.recordsRead, 'rows')}` : ''}` : (load.problem ?? 'not run'),
    `${hold.clean ? 'clean' : 'not clean'}: ${count(hold.failedWritesInHold, 'failed writes')}, ${count(hold.throttleEventsInHold, 'throttle events')} in ${hold.holdSeconds} s`,
    `${view.proxy.failedWritesOrigin} / ${view.proxy.failedWritesTarget}`,
    validationText(validation),
    view.proxy.checkedAt ?? '—',
  ];
}

function validationText(validation: ValidationView | null): string {
  if (!validation) return 'not validated';
  const scope = validation.scope === 'recheck' ? 're-check' : 'whole tables';
  return `${validation.state} (${scope}, ${validation.mismatches} mismatches, ${count(validation.originRows, 'rows')} on the origin)${validation.finishedAt ? ` at ${validation.finishedAt}` : ''}`;
}

function sections({ related, partOf }: EvidenceJournal): EvidenceSection[] {
  const loads = related.filter((entry) => entry.kind === 'keyspaces-bulk-load' && entry.phase !== 'started');
  const validations = related.filter((entry) => entry.kind === 'keyspaces-validate' && entry.phase !== 'started');
  const stackOf = (entry: JournalEntry) => (entry.target.type === 'stack' ? entry.target.stackId : '');
  return [
    {
      title: 'Keyspaces bulk loads started',
      level: 2,
      blocks:
        loads.length === 0
          ? [{ kind: 'p', text: 'None.' }]
          : [
              {
                kind: 'table',
                head: ['At', 'Stack', 'Glue job', 'Run', 'Result', 'By', 'Part of'],
                rows: loads.map((entry) => [
                  entry.at,
                  stackOf(entry),
                  String(entry.details?.jobName ?? ''),
                  String(entry.details?.runId ?? ''),
                  entry.phase + (entry.message ? `: ${entry.message}` : ''),
                  actorText(entry),
                  partOf(entry),
                ]),
              },
            ],
    },
    {
      title: 'Keyspaces validations',
      level: 2,
      blocks:
        validations.length === 0
          ? [{ kind: 'p', text: 'None.' }]
          : [
              {
                kind: 'table',
                head: ['Finished', 'Stack', 'Scope', 'Result', 'Rows origin / target', 'Mismatches', 'Origin rows/s (bound)', 'By'],
                rows: validations.map((entry) => {
                  const details = entry.details ?? {};
                  return [
                    entry.at,
                    stackOf(entry),
                    String(details.scope ?? ''),
                    entry.phase === 'succeeded' ? String(details.state ?? '') : `${entry.phase}${entry.message ? `: ${entry.message}` : ''}`,
                    `${String(details.originRows ?? '—')} / ${String(details.targetRows ?? '—')}`,
                    String(details.mismatches ?? '—'),
                    `${String(details.originRowsPerSecond ?? '—')} (${String(details.maxOriginRowsPerSecond ?? '—')})`,
                    actorText(entry),
                  ];
                }),
              },
              ...validations.flatMap((entry) => mismatchBlocks(stackOf(entry), entry)),
            ],
    },
  ];
}

/** Per table with findings: the mismatches the journal kept, by token range, and how many there were in all. */
function mismatchBlocks(stackId: string, entry: JournalEntry): EvidenceSection['blocks'] {
  const tables = (entry.details?.tables as TableValidationView[] | undefined) ?? [];
  return tables
    .filter((table) => table.countMismatchCount + table.rowMismatchCount + table.uncheckedCount > 0 || table.problem)
    .flatMap((table) => [
      {
        kind: 'p' as const,
        text: `${stackId}, table ${table.table} (validation finished ${entry.at}): ${table.problem ?? `${table.countMismatchCount} ranges differ in row count, ${table.rowMismatchCount} sampled rows differ, ${table.uncheckedCount} ranges unchecked`}${table.columnDifferences.length > 0 ? `; ${table.columnDifferences.join('; ')}` : ''}.`,
      },
      {
        kind: 'table' as const,
        head: ['Token range', 'Finding'],
        rows: [
          ...table.countMismatches.map((m) => [`(${m.start}, ${m.end}]`, `${m.originRows} rows on the origin, ${m.targetRows} on the target`]),
          ...table.rowMismatches.map((m) => [`(${m.start}, ${m.end}]`, `${m.kind.replaceAll('-', ' ')}: ${m.key}`]),
          ...table.unchecked.map((m) => [`(${m.start}, ${m.end}]`, `not checked: ${m.reason}`]),
        ],
      },
    ]);
}

export const keyspacesEvidence: EvidencePart<KeyspacesRuntime> = {
  snapshot,
  runSections,
  sections,
  waveRows: (wave) => {
    const gates = keyspacesPlan.ofWave(wave).keyspaces;
    return gates
      ? [
          [
            'Keyspaces gates',
            `throttle events ≤ ${gates.maxThrottleEvents} and failed writes ≤ ${gates.maxFailedWrites} held ${gates.holdSeconds} s; validation ${gates.requireValidation ? 'required' : 'not required'}`,
          ],
        ]
      : [];
  },
  stackColumns: {
    head: ['Keyspaces'],
    cells: (stack) => {
      const keyspaces = keyspacesPlan.of(stack).keyspaces;
      return [keyspaces ? `${keyspaces.origin.keyspace} → ${targetKeyspaceOf(keyspaces)} (${keyspaces.tables.map((table) => table.name).join(', ')})` : ''];
    },
  },
};
