// Everything about one task: its card, its controls, its live charts and its table statistics.
import type { ReplicationTaskView, StackView, WaveView } from '../../../../main/api/contract';
import { useFreshnessContext } from '../../hooks/use-freshness';
import { freshnessOf, taskName } from '../../lib/replication';
import { TableStatsGrid } from './TableStatsGrid';
import { TaskCard } from './TaskCard';
import { TaskCharts } from './TaskCharts';
import { TaskControls } from './TaskControls';

export function TaskDetail({ task, stack, wave, level = 4 }: { task: ReplicationTaskView; stack: StackView | undefined; wave: WaveView | undefined; level?: 3 | 4 }) {
  const context = useFreshnessContext();
  const freshness = freshnessOf(task, context);
  const name = taskName(task, stack);
  return (
    <div className="task-detail" data-testid="task-detail" data-task-key={task.key}>
      <TaskCard task={task} stack={stack} wave={wave} freshness={freshness} now={context.now} level={level} />
      <TaskControls task={task} name={name} />
      <TaskCharts task={task} name={name} gateSeconds={wave?.gates?.maxCdcLatencySeconds ?? null} />
      <TableStatsGrid taskKey={task.key} name={name} />
    </div>
  );
}
