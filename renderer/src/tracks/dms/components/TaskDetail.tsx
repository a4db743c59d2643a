// Everything about one task: its card, its controls, its ARN, instance and endpoints (with connection tests), its live
// charts, its table statistics and its DMS log. A fallback reverse task (after a rollback) is shown the same way,
// marked as such and without a gate: it is no part of its wave's. The charts' history tells the card how old the
// task's latest values are (the task view carries only the values).
import { useCallback, useState } from 'react';
import type { DmsMetric, ReplicationTaskView, StackView, WaveView } from '../../../../../main/api/contract';
import { useFreshnessContext } from '../hooks/use-freshness';
import { freshnessOf, taskName } from '../lib/replication';
import { TableStatsGrid } from './TableStatsGrid';
import { TaskCard } from './TaskCard';
import { TaskCharts } from './TaskCharts';
import { TaskControls } from './TaskControls';
import { TaskLogPanel } from './TaskLogPanel';
import { TaskResources } from './TaskResources';

export function TaskDetail({
  task,
  stack,
  wave,
  level = 4,
  reverse = false,
}: {
  task: ReplicationTaskView;
  stack: StackView | undefined;
  wave: WaveView | undefined;
  level?: 3 | 4;
  /** A fallback reverse task a rollback started (AWS → data center), not one of the plan's forward tasks. */
  reverse?: boolean;
}) {
  const context = useFreshnessContext();
  const freshness = freshnessOf(task, context);
  const name = taskName(task, stack);
  const [latest, setLatest] = useState<{ taskKey: string; at: Readonly<Partial<Record<DmsMetric, number>>> } | null>(null);
  const sampleTimes = latest?.taskKey === task.key ? latest.at : undefined;
  const onLatestAt = useCallback((taskKey: string, at: Readonly<Partial<Record<DmsMetric, number>>>) => setLatest({ taskKey, at }), []);
  return (
    <div className="task-detail" data-testid="task-detail" data-task-key={task.key} data-reverse={reverse || undefined}>
      <TaskCard task={task} stack={stack} wave={wave} freshness={freshness} context={context} level={level} reverse={reverse} sampleTimes={sampleTimes} />
      <TaskControls task={task} name={name} />
      <TaskResources taskKey={task.key} name={name} />
      <TaskCharts
        task={task}
        name={name}
        gateSeconds={reverse ? null : (wave?.gates?.maxCdcLatencySeconds ?? null)}
        freshness={freshness}
        context={context}
        onLatestAt={onLatestAt}
      />
      <TableStatsGrid taskKey={task.key} name={name} />
      <TaskLogPanel taskKey={task.key} name={name} />
    </div>
  );
}
