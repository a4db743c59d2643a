// The tasks of a wave as a heatmap: each cell coloured by target CDC latency against the wave's gate, grey when its
// values are stale or unresolved, outlined red when the task failed. Its headline is the latency only in CDC (greyed
// with its age when the datapoint is old); otherwise where the task is: "failed", "stopped", "full load 32 %"
// (lib/replication/heat.ts heatHeadline). Arrow keys, Home and End move between cells; Enter, Space or a click opens it.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ReplicationTaskView, StackView, WaveView } from '../../../../../main/api/contract';
import { useFreshnessContext } from '../hooks/use-freshness';
import { freshnessOf, heatHeadline, heatOf, latencyReading, latestSampleAt, PHASE_LABELS, readingText, taskName } from '../lib/replication';
import { lastBufferTime } from '../lib/series';
import { useGateJudgement } from './TaskCard';
import { useDms } from '../slice';

export interface WaveHeatmapProps {
  wave: WaveView;
  tasks: readonly ReplicationTaskView[];
  stacks: ReadonlyMap<string, StackView>;
  openKey: string | null;
  onOpen(taskKey: string): void;
}

export function WaveHeatmap({ wave, tasks, stacks, openKey, onOpen }: WaveHeatmapProps) {
  const context = useFreshnessContext();
  const series = useDms((slice) => slice.dms.series);
  const judgement = useGateJudgement(wave);
  const judged = judgement.kind === 'judged';
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const gate = wave.gates?.maxCdcLatencySeconds ?? null;
  const keys = tasks.map((task) => task.key);
  const tabbable = focusedKey !== null && keys.includes(focusedKey) ? focusedKey : openKey !== null && keys.includes(openKey) ? openKey : keys[0];

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, key: string) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = keys.indexOf(key);
    const columns = columnsOf(keys.flatMap((k) => refs.current.get(k) ?? []));
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = Math.min(keys.length - 1, index + 1);
    else if (event.key === 'ArrowLeft') next = Math.max(0, index - 1);
    else if (event.key === 'ArrowDown') next = Math.min(keys.length - 1, index + columns);
    else if (event.key === 'ArrowUp') next = Math.max(0, index - columns);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = keys.length - 1;
    if (next === null) return;
    event.preventDefault();
    refs.current.get(keys[next]!)?.focus();
  };

  if (tasks.length === 0) return <p className="muted">No replication tasks in this wave.</p>;

  return (
    <div className="heatmap-wrap">
      <ul className="heatmap" aria-label={`Replication heatmap of ${wave.name}`} data-testid="heatmap">
        {tasks.map((task) => {
          const stack = stacks.get(task.stackId);
          const freshness = freshnessOf(task, context);
          // The datapoint's time as the view carries it (the card and the gate measure the same age); "—" before CDC.
          const sampleAt = latestSampleAt(task, 'CDCLatencyTarget', lastBufferTime(series[task.key]?.CDCLatencyTarget));
          const reading = latencyReading(task.latest.cdcLatencyTargetSeconds, sampleAt, task, freshness, context);
          const heat = heatOf(task, gate, freshness.stale, { judged, latencyCurrent: reading.live });
          const name = taskName(task, stack);
          const state = freshness.stale
            ? `stale (${freshness.reason})`
            : `target latency ${readingText(reading)}${gate !== null ? ` of a ${gate} s gate` : ''}`;
          const gateText = judged ? `gate ${task.gate.status}` : judgement.label;
          const headline = heatHeadline(task, reading, freshness.stale);
          return (
            <li key={task.key}>
              <button
                ref={(element) => {
                  if (element) refs.current.set(task.key, element);
                  else refs.current.delete(task.key);
                }}
                type="button"
                className="heat-cell"
                data-testid="heat-cell"
                data-task-key={task.key}
                data-heat={heat.level}
                data-failed={heat.failed || undefined}
                aria-label={`${name}: ${PHASE_LABELS[task.phase]}, ${state}, ${gateText}`}
                aria-current={task.key === openKey ? 'true' : undefined}
                tabIndex={task.key === tabbable ? 0 : -1}
                title={`${name}\n${PHASE_LABELS[task.phase]} · ${state}\n${judged ? `${gateText}${task.gate.reasons.length > 0 ? `: ${task.gate.reasons.join('; ')}` : ''}` : judgement.text}`}
                onClick={() => onOpen(task.key)}
                onFocus={() => setFocusedKey(task.key)}
                onKeyDown={(event) => onKeyDown(event, task.key)}
              >
                <span className="heat-stack">{stack?.name ?? task.stackId}</span>
                <span className="heat-value" data-testid="heat-value" data-old={headline.old || undefined}>
                  {headline.value}
                  {headline.note !== null ? <span className="heat-age">{headline.note}</span> : null}
                </span>
                {headline.showPhase ? <span className="heat-phase">{PHASE_LABELS[task.phase]}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      <ul className="heat-legend" aria-label="Heatmap legend">
        {gate !== null ? (
          <>
            <li data-heat="good">CDC ≤ ½ gate</li>
            <li data-heat="fair">CDC ≤ gate</li>
            <li data-heat="over">CDC ≤ 2× gate</li>
            <li data-heat="far">CDC &gt; 2× gate</li>
            {judged ? <li data-heat="held">latency fine, gate red</li> : null}
          </>
        ) : (
          <li data-heat="nogate">CDC (no latency gate)</li>
        )}
        <li data-heat="loading">full load / starting</li>
        <li data-heat="idle">stopped / not started</li>
        <li data-heat="none">stale / no data</li>
        <li data-heat="failed">failed</li>
      </ul>
    </div>
  );
}

/** How many cells the first row of the wrapped grid holds. */
function columnsOf(elements: readonly HTMLElement[]): number {
  if (elements.length === 0) return 1;
  const top = elements[0]!.offsetTop;
  const columns = elements.filter((element) => element.offsetTop === top).length;
  return Math.max(1, columns);
}
