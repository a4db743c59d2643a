// The evidence pack of a wave for the change board, built only from the plan and the journal: what was planned,
// the previews that were shown, every Pulumi update with its id and result, the readiness (gate) history, each
// runbook step with who/when/result, the overrides with their reasons, and the rollbacks; each track adds its own
// part (its EvidencePart: DMS's task stats and validation counts journaled at the cutover, its task control, its
// stack columns). Because the journal is fsync'd entry by entry, a pack made
// after a crash is complete up to the crash; what started and never ended is listed as such.
// Two renderings of one document (evidence-render.ts): Markdown and self-contained, printable HTML (every value escaped).
// One file over 400 lines on purpose: every section reads the same fold of the runs and the same index of the
// journal, built once here; the renderers and each track's part live apart.
import { actorText, type JournalEntry } from '../journal/entry';
import type { MigrationPlan, WaveModel } from '../plan/model';
import type { EvidenceBlock as Block, EvidenceSection as Section } from '../seam/evidence-part';
import type { RunbookCatalog } from './catalog';
import { CutoverLedger, describeStep, runView, stepType, type RunStartDetails, type RunState } from './ledger';
import { noWayBackLines } from './rollback-across';
import { gateHistoryWords } from './snapshot-readiness';
import { runTimeline } from './timeline';
import { toPhaseRun, WAVE_PHASE_WORDS, wavePhase } from './wave-phase';
import type { NoWayBackView, TimelineStepView } from '../api/contract';
import { renderHtml, renderMarkdown, type EvidenceDocument } from './evidence-render';

// The renderers live in their own module; their import sites keep importing them from here.
export { escapeHtml, renderHtml, renderMarkdown, type EvidenceDocument } from './evidence-render';

export interface EvidenceInput {
  /** The runbook's declarations: step descriptions, and each track's evidence part. */
  readonly catalog: RunbookCatalog;
  readonly plan: MigrationPlan;
  readonly waveId: string;
  readonly entries: readonly JournalEntry[];
  /** Journal lines that could not be read (a torn last line after a crash). */
  readonly damagedLines?: number;
  readonly generatedAt: string;
  readonly generatedBy: string;
}

const STACK_KINDS = new Set(['preview', 'up', 'refresh', 'destroy', 'cancel', 'rollback', 'register', 'deregister', 'recover']);

/** The evidence parts of the tracks that take part in the plan: a pack says nothing of a track the plan does not use. */
const usedParts = (catalog: RunbookCatalog, plan: MigrationPlan) => catalog.evidence.filter((part) => part.uses(plan));

export function buildEvidence(input: EvidenceInput): EvidenceDocument {
  const { catalog, plan, waveId, entries } = input;
  const wave = plan.waves.find((candidate) => candidate.id === waveId);
  if (!wave) throw new Error(`wave '${waveId}' is not in the plan`);
  const stacks = new Set(wave.stackIds);
  const related = entries.filter((entry) => {
    const target = entry.target;
    if ('waveId' in target) return target.waveId === waveId;
    return stacks.has(target.stackId);
  });
  const ended = new Set(related.filter((entry) => entry.phase !== 'started').map((entry) => entry.operationId));
  const byOperation = new Map(related.map((entry) => [entry.operationId, entry]));
  const runs = related.filter((entry) => entry.kind === 'cutover' && entry.phase === 'started');
  // The same fold the cockpit keeps (ledger.ts): downtime, phase and rollbacks are computed once, the same way.
  const ledger = new CutoverLedger(catalog, related);
  const sections: Section[] = [];

  sections.push({
    title: 'About this pack',
    level: 2,
    blocks: [
      {
        kind: 'kv',
        rows: [
          ['Plan', `${plan.name} (${plan.file})`],
          ['Wave', `${wave.id}: ${wave.name}`],
          ['Generated', `${input.generatedAt} by ${input.generatedBy}`],
          [
            'Source',
            `the cockpit's journal: ${related.length} entries about this wave${input.damagedLines ? `; ${input.damagedLines} damaged journal line(s) could not be read` : ''}`,
          ],
          ['Cutover runs', runs.length === 0 ? 'none' : String(runs.length)],
          ['Wave phase', phaseAtGeneration(catalog, wave, related, input.generatedAt)],
          [
            'Clock',
            "every time is UTC (ISO 8601, Z) on the cockpit's clock; replication data times of an accelerated rehearsal were converted to it when journaled",
          ],
        ],
      },
    ],
  });

  sections.push(...planExcerpt(catalog, plan, wave));

  // Gate history and overrides.
  const gateRows = related
    .filter((entry) => entry.kind === 'cutover-snapshot')
    .flatMap((entry) => {
      const words = gateHistoryWords(entry.details?.moment, entry.details?.readiness);
      return words ? [[entry.at, String(entry.details!.moment ?? ''), words.readiness, words.reasons]] : [];
    });
  sections.push({
    title: 'Readiness (gate) history',
    level: 2,
    blocks:
      gateRows.length > 0
        ? [{ kind: 'table', head: ['At', 'Moment', 'Readiness', 'Reasons'], rows: gateRows }]
        : [{ kind: 'p', text: 'No readiness was recorded (no cutover run started).' }],
  });
  const overrides = runs.filter((entry) => (entry.details as unknown as RunStartDetails | undefined)?.override);
  sections.push({
    title: 'Overrides',
    level: 2,
    blocks:
      overrides.length > 0
        ? [
            {
              kind: 'table',
              head: ['At', 'By', 'Readiness then', 'Cutover window then', 'Reason'],
              rows: overrides.map((entry) => {
                const details = entry.details as unknown as RunStartDetails;
                return [
                  entry.at,
                  beside(details.by, entry),
                  details.readiness.ready ? 'ready' : `not ready: ${details.readiness.reasons.join('; ')}`,
                  details.outsideWindow ? `outside: ${details.outsideWindow}` : details.window ? 'inside' : 'no window',
                  details.override!.reason,
                ];
              }),
            },
          ]
        : [{ kind: 'p', text: 'None: every run started on a ready wave, inside its cutover window.' }],
  });

  // Runbook runs: every attempt of every step, and the operator's control actions.
  for (const [index, run] of runs.entries()) {
    const details = run.details as unknown as RunStartDetails;
    const end = related.find((entry) => entry.operationId === run.operationId && entry.phase !== 'started');
    const children = related.filter((entry) => entry.parentOperationId === run.operationId);
    const steps = children.filter((entry) => entry.kind === 'cutover-step' && entry.phase !== 'started');
    const openSteps = children.filter((entry) => entry.kind === 'cutover-step' && entry.phase === 'started' && !ended.has(entry.operationId));
    const stepName = (stepId: string) => details.runbook.find((step) => step.id === stepId)?.name ?? stepId;
    const rows = [...steps, ...openSteps]
      .sort((a, b) => a.seq - b.seq)
      .map((entry) => {
        const stepId = entry.target.type === 'cutover-step' ? entry.target.stepId : '';
        const start =
          entry.phase === 'started' ? entry : related.find((candidate) => candidate.operationId === entry.operationId && candidate.phase === 'started');
        const who = typeof entry.details?.confirmedBy === 'string' ? `confirmed by ${beside(entry.details.confirmedBy, entry)}` : actorText(entry);
        const result =
          entry.phase === 'started' ? 'NO END RECORDED (the cockpit stopped during it)' : entry.details?.warning ? 'warning (not must-succeed)' : entry.phase;
        return [
          `${stepId}: ${stepName(stepId)}`,
          String(entry.details?.attempt ?? ''),
          start?.at ?? '',
          entry.phase === 'started' ? '' : entry.at,
          result,
          who,
          entry.message ?? '',
        ];
      });
    const controls = children
      .filter((entry) => entry.kind === 'cutover-control')
      .map((entry) => [entry.at, String(entry.details?.action ?? ''), entry.message ?? '']);
    const budget = details.downtimeBudgetMinutes;
    const folded = ledger.run(run.operationId);
    const downtimeStart = folded?.downtimeStartedAt ?? null;
    const downtimeEnd = folded?.downtimeEndedAt ?? null;
    const used = downtimeStart && downtimeEnd ? (Date.parse(downtimeEnd) - Date.parse(downtimeStart)) / 60_000 : null;
    const blocks: Block[] = [
      {
        kind: 'kv',
        rows: [
          ['Run', run.operationId],
          ['Started', `${run.at} by ${beside(details.by, run)}`],
          ['Readiness at start', details.readiness.ready ? 'ready' : `NOT ready: ${details.readiness.reasons.join('; ')}`],
          ['Override', details.override ? details.override.reason : 'none'],
          [
            'Ended',
            end
              ? `${end.at}: ${end.phase === 'succeeded' ? 'succeeded' : 'aborted'}${end.message ? ` (${end.message})` : ''}`
              : 'no end recorded (running, paused, failed, or the cockpit stopped)',
          ],
          ['Downtime', downtimeWords(downtimeStart, downtimeEnd, used, budget, input.generatedAt)],
          ...pointOfNoReturnRows(folded),
        ],
      },
      rows.length > 0
        ? { kind: 'table', head: ['Step', 'Attempt', 'Started', 'Ended', 'Result', 'Who', 'Details'], rows }
        : { kind: 'p', text: 'No step ran.' },
    ];
    if (controls.length > 0) blocks.push({ kind: 'table', head: ['At', 'Control', 'What'], rows: controls });
    if (folded)
      blocks.push({ kind: 'table', head: ['Planned vs actual', 'Planned', 'Actual', 'Difference', 'Result'], rows: timelineRows(runTimeline(folded)) });
    sections.push({ title: `Runbook run ${index + 1} (${run.at})`, level: 2, blocks });

    // Each track's sections from the run's snapshots (DMS: its tasks at each moment).
    const snapshots = children.filter((entry) => entry.kind === 'cutover-snapshot');
    for (const { decl } of usedParts(catalog, plan)) sections.push(...(decl.runSections?.(snapshots) ?? []));
  }

  // Pulumi: previews, then every update with its id and result.
  const previews = related.filter((entry) => entry.kind === 'preview' && entry.phase !== 'started');
  sections.push({
    title: 'Previews shown before changes',
    level: 2,
    blocks:
      previews.length > 0
        ? [
            {
              kind: 'table',
              head: ['At', 'Stack', 'Result', 'Changes', 'By'],
              rows: previews.map((entry) => [entry.at, stackOf(entry), entry.phase, changes(entry.changes), actorText(entry)]),
            },
          ]
        : [{ kind: 'p', text: "No preview of this wave's stacks is in the journal." }],
  });
  // The cutover step or compensating step an operation ran for (else the operator's own).
  const partOf = (entry: JournalEntry) => {
    const parent = entry.parentOperationId ? byOperation.get(entry.parentOperationId) : undefined;
    return parent ? describeParent(parent) : 'operator';
  };
  const updates = related.filter((entry) => STACK_KINDS.has(entry.kind) && entry.kind !== 'preview');
  const updateRows = updates
    .filter((entry) => entry.phase !== 'started' || !ended.has(entry.operationId))
    .map((entry) => {
      return [
        entry.at,
        stackOf(entry),
        entry.kind,
        entry.phase === 'started' ? 'NO END RECORDED' : entry.phase,
        entry.updateVersion !== undefined ? String(entry.updateVersion) : '—',
        changes(entry.changes),
        entry.operationId,
        partOf(entry),
        entry.message ?? '',
      ];
    });
  sections.push({
    title: 'Pulumi updates',
    level: 2,
    blocks:
      updateRows.length > 0
        ? [{ kind: 'table', head: ['At', 'Stack', 'Operation', 'Result', 'Update', 'Changes', 'Operation id', 'Part of', 'Message'], rows: updateRows }]
        : [{ kind: 'p', text: 'None.' }],
  });

  for (const { decl } of usedParts(catalog, plan)) sections.push(...(decl.sections?.({ related, partOf }) ?? []));

  sections.push(...teamSections(related));

  // Rollbacks: the wave's stack rollbacks, and the cutover rollbacks with their compensating steps.
  const rollbackBlocks: Block[] = [];
  for (const entry of related.filter((candidate) => candidate.kind === 'wave-rollback' && candidate.phase !== 'started')) {
    rollbackBlocks.push({
      kind: 'p',
      text: `${entry.at}: wave rollback (stacks) ${entry.phase}${entry.message ? `: ${entry.message}` : ''} — by ${actorText(entry)}`,
    });
  }
  for (const start of related.filter((candidate) => candidate.kind === 'cutover-rollback' && candidate.phase === 'started')) {
    const end = related.find((candidate) => candidate.operationId === start.operationId && candidate.phase !== 'started');
    const steps = related.filter((candidate) => candidate.parentOperationId === start.operationId && candidate.kind === 'cutover-compensate');
    const rows = steps
      .filter((entry) => entry.phase !== 'started' || !ended.has(entry.operationId))
      .map((entry) => [
        entry.at,
        entry.target.type === 'cutover-step' ? entry.target.stepId : '',
        String(entry.details?.stackId ?? ''),
        entry.phase === 'started' ? 'NO END RECORDED' : entry.phase === 'cancelled' ? 'nothing to do' : entry.phase,
        entry.message ?? '',
      ]);
    rollbackBlocks.push({
      kind: 'p',
      text: `Cutover rollback started ${start.at} by ${beside(typeof start.details?.by === 'string' ? start.details.by : undefined, start)}: ${start.message ?? ''}`,
    });
    if (typeof start.details?.reason === 'string') rollbackBlocks.push({ kind: 'kv', rows: [['Reason', start.details.reason]] });
    const accepted = Array.isArray(start.details?.acceptedLoss)
      ? (start.details.acceptedLoss as { stackId?: unknown; estimatedRows?: unknown; basis?: unknown }[])
      : [];
    if (accepted.length > 0) {
      const words = accepted.map(
        (stack) =>
          `${String(stack.stackId)}: ${typeof stack.estimatedRows === 'number' ? `about ${Math.round(stack.estimatedRows).toLocaleString('en-US')} rows` : 'an unknown number of rows'} written on AWS since the switch (${String(stack.basis)})`,
      );
      rollbackBlocks.push({ kind: 'kv', rows: [['Data loss accepted', words.join('; ')]] });
    }
    const noWayBack = Array.isArray(start.details?.noWayBack) ? (start.details.noWayBack as NoWayBackView[]) : [];
    if (noWayBack.length > 0) rollbackBlocks.push({ kind: 'kv', rows: [['Could not go back', noWayBackLines(noWayBack).join(' ')]] });
    const nextSteps = Array.isArray(start.details?.nextSteps) ? (start.details.nextSteps as string[]) : [];
    if (nextSteps.length > 0) rollbackBlocks.push({ kind: 'kv', rows: [['Next, by hand', nextSteps.map((text, index) => `${index + 1}. ${text}`).join(' ')]] });
    if (rows.length > 0) rollbackBlocks.push({ kind: 'table', head: ['At', 'Compensating step', 'Stack', 'Result', 'Details'], rows });
    rollbackBlocks.push(
      end
        ? { kind: 'pre', text: `${end.phase.toUpperCase()} ${end.at}\n${end.message ?? ''}` }
        : { kind: 'pre', text: 'NO END RECORDED: the cockpit stopped during the rollback.' },
    );
  }
  sections.push({ title: 'Rollbacks', level: 2, blocks: rollbackBlocks.length > 0 ? rollbackBlocks : [{ kind: 'p', text: 'None.' }] });

  const open = related.filter(
    (entry) => entry.phase === 'started' && !ended.has(entry.operationId) && entry.kind !== 'cutover' && entry.kind !== 'cutover-rollback',
  );
  if (open.length > 0) {
    sections.push({
      title: 'Started and never ended',
      level: 2,
      blocks: [
        {
          kind: 'p',
          text: 'These operations have a start and no end in the journal: the cockpit stopped (or is still working) while they ran. Their outcome must be checked.',
        },
        {
          kind: 'table',
          head: ['At', 'Kind', 'Target', 'Operation id'],
          rows: open.map((entry) => [entry.at, entry.kind, targetOf(entry), entry.operationId]),
        },
      ],
    });
  }

  return { title: `Evidence pack — ${wave.id}: ${wave.name}`, sections };
}

/** Each step of the run the plan marks as its point of no return: who went past it and when, or that no one did. */
function pointOfNoReturnRows(run: RunState | undefined): [string, string][] {
  return (run?.steps ?? [])
    .filter((step) => step.def.pointOfNoReturn)
    .map((step): [string, string] => [
      'Point of no return',
      step.passedPointOfNoReturn
        ? `${step.def.id} (${step.def.name}): PASSED at ${step.passedPointOfNoReturn.at}, the wave id typed by ${step.passedPointOfNoReturn.by}`
        : `${step.def.id} (${step.def.name}): not passed`,
    ]);
}

function planExcerpt(catalog: RunbookCatalog, plan: MigrationPlan, wave: WaveModel): Section[] {
  const rows: [string, string][] = [
    ['Wave', `${wave.id}: ${wave.name}`],
    ['Description', wave.description ?? '—'],
    ['Depends on', wave.dependsOn.join(', ') || '—'],
    ['Stacks', wave.stackIds.join(', ')],
    ['Cutover window', wave.cutoverWindow ? `${wave.cutoverWindow.start} – ${wave.cutoverWindow.end}` : '—'],
    ...usedParts(catalog, plan).flatMap(({ decl }) => decl.waveRows?.(wave) ?? []),
    ['Downtime budget', wave.cutover ? `${wave.cutover.downtimeBudgetMinutes} min` : '—'],
  ];
  const stackRows = wave.stackIds.map((id) => {
    const stack = plan.stacks.get(id)!;
    const config = Object.entries(stack.config)
      .map(([key, value]) => (typeof value === 'object' ? `${key}=(secret from ${value.secretEnv})` : `${key}=${String(value)}`))
      .join(', ');
    const trackCells = usedParts(catalog, plan).flatMap(({ decl }) => decl.stackColumns?.cells(stack) ?? []);
    return [id, stack.description ?? '', config || '—', stack.registries.join(', ') || '—', ...trackCells];
  });
  const trackHeads = usedParts(catalog, plan).flatMap(({ decl }) => decl.stackColumns?.head ?? []);
  const sections: Section[] = [
    {
      title: 'Plan excerpt',
      level: 2,
      blocks: [
        { kind: 'kv', rows },
        { kind: 'table', head: ['Stack', 'Description', 'Config', 'Registries', ...trackHeads], rows: stackRows },
      ],
    },
  ];
  if (wave.cutover) {
    sections.push({
      title: 'Runbook (as planned)',
      level: 3,
      blocks: [
        {
          kind: 'table',
          head: ['#', 'Step', 'Type', 'What', 'Must succeed', 'Timeout'],
          rows: wave.cutover.runbook.map((step, index) => [
            String(index + 1),
            `${step.id}: ${step.name}`,
            stepType(step),
            describeStep(step, catalog),
            step.mustSucceed ? 'yes' : 'no',
            step.timeoutMinutes ? `${step.timeoutMinutes} min` : '—',
          ]),
        },
      ],
    });
  }
  return sections;
}

const stackOf = (entry: JournalEntry) => ('stackId' in entry.target ? entry.target.stackId : '');

function targetOf(entry: JournalEntry): string {
  switch (entry.target.type) {
    case 'stack':
      return entry.target.stackId;
    case 'wave':
      return `wave ${entry.target.waveId}`;
    case 'replication-task':
      return entry.target.taskId ?? entry.target.taskKey;
    case 'cutover-step':
      return `${entry.target.waveId} step ${entry.target.stepId}`;
  }
}

function describeParent(parent: JournalEntry): string {
  if (parent.kind === 'cutover-step') return `cutover step ${parent.target.type === 'cutover-step' ? parent.target.stepId : ''}`;
  if (parent.kind === 'cutover-compensate') return `cutover rollback: ${parent.target.type === 'cutover-step' ? parent.target.stepId : ''}`;
  return parent.kind;
}

function changes(record: Record<string, number> | undefined): string {
  if (!record) return '—';
  const parts = Object.entries(record)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`);
  return parts.join(', ') || 'none';
}

/** The pack as a file: its name and content. */
export function exportEvidence(input: EvidenceInput, format: 'markdown' | 'html'): { fileName: string; content: string } {
  const doc = buildEvidence(input);
  const stamp = `${input.generatedAt.slice(0, 19).replace(/[-:]/g, '')}Z`;
  const base = `evidence-${input.waveId}-${stamp}`;
  return format === 'html' ? { fileName: `${base}.html`, content: renderHtml(doc) } : { fileName: `${base}.md`, content: renderMarkdown(doc) };
}

/**
 * The wave's phase as the journal tells it when the pack is made: the same derivation (wave-phase.ts) the cockpit
 * shows, folded from the same entries. Readiness between runs is not journaled, so a wave without a run says so.
 */
function phaseAtGeneration(catalog: RunbookCatalog, wave: WaveModel, related: readonly JournalEntry[], generatedAt: string): string {
  const latest = new CutoverLedger(catalog, related).latest(wave.id);
  if (wave.cutover && !latest) return 'no cutover run yet (readiness between runs is not journaled)';
  const deployed = new Set<string>();
  for (const entry of related) {
    if (entry.target.type !== 'stack' || entry.phase !== 'succeeded') continue;
    if (entry.kind === 'up' || entry.kind === 'rollback') deployed.add(entry.target.stackId);
    else if (entry.kind === 'destroy') deployed.delete(entry.target.stackId);
  }
  const phase = wavePhase({
    hasRunbook: wave.cutover !== undefined,
    stackCount: wave.stackIds.length,
    deployedCount: deployed.size,
    ready: false,
    readySince: null,
    blockingCount: 0,
    run: latest ? toPhaseRun(runView(latest, generatedAt, catalog)) : null,
  });
  const detail = phase.phase === 'rolled-back' ? 'the cutover was rolled back across systems' : phase.detail;
  return `${WAVE_PHASE_WORDS[phase.phase]}${phase.since ? ` since ${phase.since.replace('T', ' ').slice(0, 19)} UTC` : ''}: ${detail}`;
}

/** The run's downtime against its budget; one still open when the pack is made says so, with the minutes so far. */
function downtimeWords(start: string | null, end: string | null, used: number | null, budget: number, generatedAt: string): string {
  if (!start) return `not started; budget ${budget} min`;
  const over = (minutes: number) => (minutes > budget ? ' — OVER BUDGET' : '');
  if (used !== null) return `from ${start} to ${end}: ${used.toFixed(1)} min of a ${budget} min budget${over(used)}`;
  const sofar = (Date.parse(generatedAt) - Date.parse(start)) / 60_000;
  return `from ${start}, not ended when this pack was made (a failed or aborted run's downtime lasts until its rollback completes): ${sofar.toFixed(1)} min so far of a ${budget} min budget${over(sofar)}`;
}

/** The planned-vs-actual rows: one per step, then one per stack it acted on (indented). */
function timelineRows(timeline: readonly TimelineStepView[]): string[][] {
  const span = (start: string | null, end: string | null) => (start ? `${start.slice(11, 19)}–${end ? end.slice(11, 19) : '…'}` : '—');
  const minutes = (start: string | null, end: string | null) => (start && end ? (Date.parse(end) - Date.parse(start)) / 60_000 : null);
  const rows: string[][] = [];
  for (const step of timeline) {
    const planned = minutes(step.plannedStart, step.plannedEnd);
    const actual = minutes(step.actualStart, step.actualEnd);
    const late = step.plannedStart && step.actualStart ? (Date.parse(step.actualStart) - Date.parse(step.plannedStart)) / 60_000 : null;
    const amount = (value: number) => (value < 120 ? `${value.toFixed(1)} min` : `${(value / 60).toFixed(1)} h`);
    const difference = [
      late !== null ? `started ${amount(Math.abs(late))} ${late >= 0 ? 'late' : 'early'}` : '',
      planned !== null && actual !== null ? `took ${actual.toFixed(1)} of ${planned.toFixed(1)} min planned` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const retried = step.attempts.length > 1;
    rows.push([
      `${step.stepId}: ${step.name}`,
      span(step.plannedStart, step.plannedEnd),
      span(step.actualStart, step.actualEnd),
      difference || '—',
      retried ? `${step.status} (attempt ${step.attempts.at(-1)!.attempt})` : step.status,
    ]);
    // A retried step: each earlier attempt, as it ended (the step's own row is its last attempt).
    for (const attempt of retried ? step.attempts.slice(0, -1) : [])
      rows.push([
        `  attempt ${attempt.attempt}`,
        '',
        attempt.end ? span(attempt.start, attempt.end) : `${attempt.start.slice(11, 19)}–(no end recorded)`,
        '',
        `attempt ${attempt.attempt} ${attempt.status}`,
      ]);
    for (const stack of step.stacks) rows.push([`  ${stack.stackId}`, '', span(stack.start, stack.end), '', stack.status]);
  }
  return rows;
}

/** A name typed into a confirmation beside the journal's actor (the OS user, and the AWS caller), never instead of it. */
function beside(typed: string | undefined, entry: Pick<JournalEntry, 'actor' | 'awsIdentity'>): string {
  const actor = actorText(entry);
  if (!typed || typed === entry.actor || entry.actor.startsWith(`${typed}@`)) return actor;
  return `${typed} (${actor})`;
}

/**
 * Team mode: the four-eyes record (every request for approvals, each approval and refusal with who and their words)
 * and who drove the wave (each lock taken, asked for, handed over, taken over, released). Absent for one operator.
 */
function teamSections(related: readonly JournalEntry[]): Section[] {
  const approvals = related.filter((entry) => entry.kind === 'team-approval');
  const locks = related.filter((entry) => entry.kind === 'team-lock');
  const sections: Section[] = [];
  if (approvals.length > 0) {
    const decision = (entry: JournalEntry) =>
      entry.phase === 'started'
        ? `asked (${String(entry.details?.needed ?? 1)} needed)`
        : entry.phase === 'succeeded'
          ? 'approved'
          : entry.phase === 'failed'
            ? 'refused'
            : entry.phase;
    const what = (entry: JournalEntry) => (entry.target.type === 'cutover-step' ? `step ${entry.target.stepId}` : 'start of the cutover');
    const words = (entry: JournalEntry) => String(entry.details?.reason ?? entry.details?.note ?? '');
    sections.push({
      title: 'Approvals (four eyes)',
      level: 2,
      blocks: [
        {
          kind: 'table',
          head: ['At', 'For', 'Decision', 'Who', 'Words', 'Request'],
          rows: approvals.map((entry) => [
            entry.at,
            what(entry),
            decision(entry),
            actorText(entry),
            words(entry),
            entry.parentOperationId ?? entry.operationId,
          ]),
        },
      ],
    });
  }
  if (locks.length > 0) {
    sections.push({
      title: 'Who drove the wave (wave lock)',
      level: 2,
      blocks: [
        {
          kind: 'table',
          head: ['At', 'Change', 'Who', 'What happened'],
          rows: locks.map((entry) => [entry.at, String(entry.details?.action ?? ''), actorText(entry), entry.message ?? '']),
        },
      ],
    });
  }
  return sections;
}
