// The scheduled-jobs track's part of a wave's evidence pack: at each moment of a run, every job of the wave as the
// monitor saw it (`details.schedules` of the `cutover-snapshot` entry: who owned it, its double and missed runs, its
// slots); the handovers with every slot around them and the side that ran it (from the step's journaled details); the
// alerts the slot ledger raised; the test invocations; the wave's handover settings and each stack's jobs in the plan
// excerpt.
import type { JournalEntry } from '../../journal/entry';
import { actorText } from '../../journal/entry';
import type { MigrationPlan } from '../../plan/model';
import type { EvidenceJournal, EvidencePart, EvidenceSection } from '../../seam/evidence-part';
import type { JobView } from './contract';
import { verdictWords } from './actions';
import { schedulesPlan } from './plan';
import type { SchedulesRuntime } from './runtime';

/** What a run's snapshot keeps of a job: enough to say who ran what, not the whole view. */
interface JobSnapshot {
  readonly key: string;
  readonly owner: JobView['owner'];
  readonly dcEnabled: boolean | null;
  readonly dcRunning: string | null;
  readonly awsState: string | null;
  readonly reservedConcurrency: number | null;
  readonly totals: JobView['totals'];
  readonly slots: readonly { readonly at: string; readonly verdict: string }[];
  readonly checkedAt: string | null;
}

function snapshot(waveId: string, plan: MigrationPlan, runtime: SchedulesRuntime): JobSnapshot[] {
  const wave = plan.waves.find((candidate) => candidate.id === waveId);
  const stacks = new Set(wave?.stackIds ?? []);
  return runtime
    .jobViews()
    .filter((job) => stacks.has(job.stackId))
    .map((job) => ({
      key: `${job.stackId}#${job.jobId}`,
      owner: job.owner,
      dcEnabled: job.dc.enabled,
      dcRunning: job.dc.running?.since ?? null,
      awsState: job.aws.state,
      reservedConcurrency: job.aws.reservedConcurrency,
      totals: job.totals,
      slots: job.slots.filter((slot) => slot.verdict !== 'upcoming').map((slot) => ({ at: slot.at, verdict: slot.verdict })),
      checkedAt: job.dc.checkedAt,
    }));
}

const OWNER_WORDS: Record<JobView['owner'], string> = {
  dc: 'data center',
  aws: 'AWS',
  both: 'BOTH (double runs coming)',
  neither: 'NEITHER (missed runs coming)',
  unknown: 'unknown',
};

function runSections(snapshots: readonly JournalEntry[]): EvidenceSection[] {
  return snapshots
    .filter((entry) => Array.isArray(entry.details?.schedules) && (entry.details.schedules as unknown[]).length > 0)
    .map((entry) => ({
      title: `Scheduled jobs at ${String(entry.details!.moment)} (${entry.at})`,
      level: 3,
      blocks: [
        {
          kind: 'table',
          head: ['Job', 'Runs on', 'DC trigger', 'AWS schedule', 'Double / missed runs', 'Recent slots (UTC)', 'Data as of'],
          rows: (entry.details!.schedules as JobSnapshot[]).map((job) => [
            job.key,
            OWNER_WORDS[job.owner] ?? job.owner,
            job.dcEnabled === null ? 'unknown' : `${job.dcEnabled ? 'on' : 'off'}${job.dcRunning ? `, a run since ${job.dcRunning}` : ''}`,
            `${job.awsState ?? 'unknown'}${job.reservedConcurrency === 0 ? ', kill switch on (reserved concurrency 0)' : ''}`,
            `${job.totals.doubleRuns} / ${job.totals.missedRuns}`,
            job.slots
              .slice(-6)
              .map((slot) => `${slot.at.slice(11, 16)} ${slot.verdict}`)
              .join(', ') || '—',
            job.checkedAt ?? '—',
          ]),
        },
      ],
    }));
}

type HandoverSlots = Record<string, { at: string; verdict: string; dcRuns: number; awsRuns: number }[]>;

function sections({ related, partOf }: EvidenceJournal): EvidenceSection[] {
  const handovers = related.filter(
    (entry) =>
      entry.kind === 'cutover-step' && entry.phase !== 'started' && typeof entry.details?.slots === 'object' && Array.isArray(entry.details?.dcDisabled),
  );
  const alerts = related.filter((entry) => entry.kind === 'schedules-alert');
  const tests = related.filter((entry) => entry.kind === 'schedules-test-invoke' && entry.phase !== 'started');
  const stackOf = (entry: JournalEntry) => (entry.target.type === 'stack' ? entry.target.stackId : '');
  return [
    {
      title: 'Scheduled-job handovers: every slot around them and the side that ran it',
      level: 2,
      blocks:
        handovers.length === 0
          ? [{ kind: 'p', text: 'None.' }]
          : handovers.flatMap((entry) => {
              const details = entry.details ?? {};
              const slots = details.slots as HandoverSlots;
              return [
                {
                  kind: 'p' as const,
                  text: `Step ${entry.target.type === 'cutover-step' ? entry.target.stepId : partOf(entry)}, ${entry.phase} at ${entry.at}: ${entry.message ?? ''}. Started ${String(details.startedAt ?? '—')}; AWS schedules enabled ${String(details.enabledAt ?? 'never')}.`,
                },
                {
                  kind: 'table' as const,
                  head: ['Job', 'Slot (UTC)', 'Ran', 'DC runs', 'AWS runs'],
                  rows: Object.entries(slots).flatMap(([key, list]) =>
                    list.length === 0
                      ? [[key, 'no slot judged yet', '', '', '']]
                      : list.map((slot) => [key, slot.at, verdictWords(slot.verdict), String(slot.dcRuns), String(slot.awsRuns)]),
                  ),
                },
              ];
            }),
    },
    {
      title: 'Scheduled-job alerts',
      level: 2,
      blocks:
        alerts.length === 0
          ? [{ kind: 'p', text: 'None: no slot ran on both sides or on neither, and no run failed, was throttled or dropped while the cockpit watched.' }]
          : [
              {
                kind: 'table',
                head: ['Raised', 'Stack', 'Kind', 'Slot (UTC)', 'What'],
                rows: alerts.map((entry) => {
                  const alert = (entry.details?.alert ?? {}) as { kind?: string; slot?: string | null };
                  return [entry.at, stackOf(entry), String(alert.kind ?? ''), alert.slot ?? '—', entry.message ?? ''];
                }),
              },
            ],
    },
    {
      title: 'Scheduled-job test invocations',
      level: 2,
      blocks:
        tests.length === 0
          ? [{ kind: 'p', text: 'None.' }]
          : [
              {
                kind: 'table',
                head: ['At', 'Stack', 'Job', 'Function', 'Result', 'By'],
                rows: tests.map((entry) => [
                  entry.at,
                  stackOf(entry),
                  String(entry.details?.jobId ?? ''),
                  String(entry.details?.functionName ?? ''),
                  `${entry.phase}${entry.message ? `: ${entry.message}` : ''}`,
                  actorText(entry),
                ]),
              },
            ],
    },
  ];
}

export const schedulesEvidence: EvidencePart<SchedulesRuntime> = {
  snapshot,
  runSections,
  sections,
  waveRows: (wave) => {
    const settings = schedulesPlan.ofWave(wave).schedules;
    return settings
      ? [
          [
            'Scheduled-job handover',
            `waits at most ${settings.handoverTimeoutMinutes} min for data-center runs; first slot ${settings.watchFirstSlot ? 'watched' : 'not watched'}; double runs accepted: ${settings.maxDoubleRuns}; kill switch on rollback: ${settings.killSwitchOnRollback ? 'yes' : 'no'}`,
          ],
        ]
      : [];
  },
  stackColumns: {
    head: ['Scheduled jobs'],
    cells: (stack) => {
      const schedules = schedulesPlan.of(stack).schedules;
      return [
        schedules
          ? schedules.jobs.map((job) => `${job.id}: ${job.aws.expression} ${job.aws.timeZone}${job.idempotent ? '' : ' (not idempotent)'}`).join('; ')
          : '',
      ];
    },
  },
};
