// The traffic track's part of a wave's evidence pack: at each moment of a run, every service of the wave as the
// monitor saw it (`details.traffic` of the `cutover-snapshot` entry: its weights and its targets' health); every shift
// from its step's journaled record — each step's weights before and after with the Route 53 change, when it was in
// sync, each measurement with its numbers and verdict, the decision and who made it, the abort and where it returned
// the weights; the operator's actions on shifts (who, when, why); the wave's shift settings and each stack's service
// in the plan excerpt.
import { actorText, type JournalEntry } from '../../journal/entry';
import type { MigrationPlan } from '../../plan/model';
import type { EvidenceBlock, EvidenceJournal, EvidencePart, EvidenceSection } from '../../seam/evidence-part';
import { trafficPlan } from './plan';
import { stepsOf } from './plan-schema';
import type { TrafficRuntime } from './runtime';
import { ShiftViewSchema, type ShiftView } from './contract';
import type { ServiceWrite } from './shift-engine';

/** What a run's snapshot keeps of a service. */
interface ServiceSnapshot {
  readonly stackId: string;
  readonly service: string;
  readonly weights: { readonly dc: number; readonly aws: number } | null;
  readonly awsPercent: number | null;
  readonly healthy: number | null;
  readonly unhealthy: number | null;
  readonly change: string | null;
  readonly checkedAt: string | null;
}

function snapshot(waveId: string, plan: MigrationPlan, runtime: TrafficRuntime): ServiceSnapshot[] {
  const stacks = new Set(plan.waves.find((candidate) => candidate.id === waveId)?.stackIds ?? []);
  return runtime
    .serviceViews()
    .filter((view) => stacks.has(view.stackId))
    .map((view) => ({
      stackId: view.stackId,
      service: view.service,
      weights: view.weights,
      awsPercent: view.awsPercent,
      healthy: view.targets.aws?.healthy ?? null,
      unhealthy: view.targets.aws?.unhealthy ?? null,
      change: view.change ? `${view.change.id} ${view.change.status}` : null,
      checkedAt: view.checkedAt,
    }));
}

function runSections(snapshots: readonly JournalEntry[]): EvidenceSection[] {
  return snapshots
    .filter((entry) => Array.isArray(entry.details?.traffic) && (entry.details.traffic as unknown[]).length > 0)
    .map((entry) => ({
      title: `Traffic at ${String(entry.details!.moment)} (${entry.at})`,
      level: 3,
      blocks: [
        {
          kind: 'table',
          head: ['Stack', 'Service', 'Weights (data center / AWS)', 'To AWS', 'AWS targets healthy / unhealthy', 'Route 53 change', 'Data as of'],
          rows: (entry.details!.traffic as ServiceSnapshot[]).map((service) => [
            service.stackId,
            service.service,
            service.weights ? `${service.weights.dc} / ${service.weights.aws}` : 'unknown',
            service.awsPercent === null ? 'unknown' : `${service.awsPercent} %`,
            service.healthy === null ? 'unknown' : `${service.healthy} / ${service.unhealthy ?? '?'}`,
            service.change ?? '—',
            service.checkedAt ?? '—',
          ]),
        },
      ],
    }));
}

const writesText = (writes: readonly ServiceWrite[]) =>
  writes
    .map(
      (write) =>
        `${write.stackId}: ${write.before.dc}/${write.before.aws} → ${write.after.dc}/${write.after.aws}${write.changeId ? ` (change ${write.changeId})` : ''}`,
    )
    .join('; ') || '—';

const number = (value: number | null, unit = '') => (value === null ? '—' : `${Math.round(value * 100) / 100}${unit}`);

function shiftBlocks(entry: JournalEntry, shift: ShiftView): EvidenceBlock[] {
  const state = shift.endedAt ? shift.state : `not seen to end (the last record, ${entry.at}, says ${shift.state})`;
  const blocks: EvidenceBlock[] = [
    {
      kind: 'p',
      text: `Step ${shift.stepId} of run ${shift.runId} (times below on the data clock, UTC): started ${shift.startedAt} from ${shift.fromPercent} % to AWS; ${shift.endedAt ? `ended ${shift.endedAt}` : 'its end not recorded'} at ${shift.percent} % — ${shift.message ?? state}.`,
    },
    {
      kind: 'kv',
      rows: [
        ['Steps', shift.steps.map((step) => `${step.percent} % (${step.pauseSeconds} s)`).join(' → ')],
        ['On failure', shift.onFailure === 'zero' ? 'back to 0 %' : 'back to the last step whose analysis passed'],
        [
          'Thresholds',
          shift.services
            .map(
              (service) =>
                `${service.stackId}: 5xx ≤ ${service.thresholds.max5xxPercent} %, mean response ≤ ${service.thresholds.maxResponseTimeMs} ms, healthy ≥ ${service.thresholds.minHealthyHosts}, unhealthy ≤ ${service.thresholds.maxUnhealthyHosts}, ≥ ${service.thresholds.minRequests} requests`,
            )
            .join('; '),
        ],
      ],
    },
    {
      kind: 'table',
      head: ['Step', 'To AWS', 'Weights written (data center / AWS)', 'Written at', 'In sync at', 'Decision', 'By', 'Why'],
      rows: shift.stepRecords.map((entryStep) => [
        String(entryStep.step),
        `${entryStep.percent} %`,
        writesText(entryStep.writes),
        entryStep.appliedAt,
        entryStep.inSyncAt ?? 'never',
        entryStep.decision ?? 'none',
        entryStep.decidedBy ?? '—',
        entryStep.why ?? '—',
      ]),
    },
    {
      kind: 'table',
      head: ['Step', 'Stack', 'Window (UTC)', 'Requests', '5xx', 'Mean response', 'Healthy (min)', 'Unhealthy (max)', 'Verdict', 'Reasons'],
      rows: shift.stepRecords.flatMap((entryStep) =>
        Object.entries(entryStep.measurements).flatMap(([stackId, measurements]) =>
          measurements.map((measurement) => [
            String(entryStep.step),
            stackId,
            `${measurement.from.slice(11, 19)}–${measurement.to.slice(11, 19)}`,
            number(measurement.requests),
            measurement.errorPercent === null ? number(measurement.errors5xx) : `${number(measurement.errors5xx)} (${measurement.errorPercent} %)`,
            number(measurement.responseTimeMs, ' ms'),
            number(measurement.healthyMin),
            number(measurement.unhealthyMax),
            measurement.verdict,
            measurement.reasons.join('; ') || '—',
          ]),
        ),
      ),
    },
  ];
  if (shift.abort)
    blocks.push({
      kind: 'kv',
      rows: [
        ['Aborted', `${shift.abort.at} by ${shift.abort.by}: ${shift.abort.why}`],
        ['Weights returned to', `${shift.abort.to} % to AWS: ${writesText(shift.abort.writes)}`],
        ['In sync', shift.abort.inSync ? 'yes' : 'NO'],
      ],
    });
  if (shift.operator.length > 0)
    blocks.push({
      kind: 'table',
      head: ['At (data clock)', 'Who', 'Did', 'At step', 'Why'],
      rows: shift.operator.map((event) => [event.at, event.by, event.what, event.step === null ? '—' : String(event.step), event.reason ?? '—']),
    });
  return blocks;
}

function sections({ related }: EvidenceJournal): EvidenceSection[] {
  // Each shift's last journaled record (at its end, or the last decision before a cockpit stopped).
  const latest = new Map<string, { entry: JournalEntry; shift: ShiftView }>();
  for (const entry of related) {
    if (entry.kind !== 'traffic-shift') continue;
    const parsed = ShiftViewSchema.safeParse(entry.details?.shift);
    if (parsed.success) latest.set(`${entry.operationId}@${parsed.data.startedAt}`, { entry, shift: parsed.data });
  }
  const shifts = [...latest.values()];
  const operator = related.filter((entry) => entry.kind === 'traffic-operator');
  return [
    {
      title: 'Traffic shifts: every step, its weights, its measurements and who decided',
      level: 2,
      blocks: shifts.length === 0 ? [{ kind: 'p', text: 'None.' }] : shifts.flatMap(({ entry, shift }) => shiftBlocks(entry, shift)),
    },
    {
      title: "Operators' actions on traffic shifts",
      level: 2,
      blocks:
        operator.length === 0
          ? [{ kind: 'p', text: 'None: every step was decided by its analysis.' }]
          : [
              {
                kind: 'table',
                head: ['At', 'Wave', 'What', 'By'],
                rows: operator.map((entry) => [entry.at, entry.target.type === 'wave' ? entry.target.waveId : '', entry.message ?? '', actorText(entry)]),
              },
            ],
    },
  ];
}

export const trafficEvidence: EvidencePart<TrafficRuntime> = {
  snapshot,
  runSections,
  sections,
  waveRows: (wave) => {
    const settings = trafficPlan.ofWave(wave).traffic;
    if (!settings) return [];
    const analysis = settings.analysis;
    return [
      [
        'Traffic shift',
        `steps ${stepsOf(settings)
          .map((step) => `${step.percent} % (${step.pauseSeconds} s)`)
          .join(
            ' → ',
          )}; on failure back to ${settings.onFailure === 'zero' ? '0 %' : 'the last step that passed'}; Route 53 changes in sync within ${settings.changeTimeoutSeconds} s`,
      ],
      [
        'Traffic analysis',
        `every ${analysis.intervalSeconds} s: 5xx ≤ ${analysis.max5xxPercent} %, mean response ≤ ${analysis.maxResponseTimeMs} ms, healthy AWS targets ≥ ${analysis.minHealthyHosts}, unhealthy ≤ ${analysis.maxUnhealthyHosts}, at least ${analysis.minRequests} requests; ${analysis.failureLimit} failed measurement(s) tolerated`,
      ],
    ];
  },
  stackColumns: {
    head: ['Traffic'],
    cells: (stack) => {
      const traffic = trafficPlan.of(stack).traffic;
      return [
        traffic
          ? `${traffic.service}: ${traffic.split === 'route53' ? 'Route 53 weighted' : 'ALB weighted'}, AWS side ${traffic.aws.eks ? `EKS (${traffic.aws.eks.namespace})` : 'EC2'}`
          : '',
      ];
    },
  },
};
