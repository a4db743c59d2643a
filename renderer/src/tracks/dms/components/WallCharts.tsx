// The war room's charts of a wave (seam: TrackUi.wallCharts): each replication task's CDC latency against the wave's
// gate and its CDC throughput, large and without controls (the wall screen is read-only). A wave without a task says so.
import { useMemo, useRef } from 'react';
import { useFitCount } from '../../../hooks/use-fit-count';
import type { PlanView, WaveView } from '../../../../../main/api/contract';
import { useFreshnessContext } from '../hooks/use-freshness';
import { freshnessOf, taskName, tasksOfWave } from '../lib/replication';
import { useDms } from '../slice';
import { TaskCharts } from './TaskCharts';

export function WallCharts({ plan, wave }: { plan: PlanView; wave: WaveView }) {
  const allTasks = useDms((slice) => slice.dms.tasks);
  const loaded = useDms((slice) => slice.dms.loaded);
  const context = useFreshnessContext();
  const tasks = useMemo(() => tasksOfWave(allTasks, wave), [allTasks, wave]);
  const stacks = useMemo(() => new Map(plan.stacks.map((stack) => [stack.id, stack])), [plan.stacks]);
  const list = useRef<HTMLDivElement>(null);
  // The wall does not scroll: the tasks that fit get their charts, the rest are named on one line.
  const fit = useFitCount(list, tasks.map((task) => task.key).join(','));
  if (!loaded) return <p className="wall-charts-note">Reading replication status…</p>;
  if (tasks.length === 0) return <p className="wall-charts-note">This wave has no DMS replication task: no replication charts.</p>;
  const more = tasks.slice(fit);
  return (
    <>
      <div className="wall-charts" data-testid="wall-charts" ref={list}>
        {tasks.map((task, position) => {
          const name = taskName(task, stacks.get(task.stackId));
          return (
            <section
              key={task.key}
              className="wall-task"
              aria-label={`Replication of ${name}`}
              data-task-key={task.key}
              // Past what fits whole: kept in place (so the count stays measured) but not shown.
              data-clipped={position >= fit ? 'true' : undefined}
            >
              <h3 className="wall-task-name">{name}</h3>
              <TaskCharts
                task={task}
                name={name}
                gateSeconds={wave.gates?.maxCdcLatencySeconds ?? null}
                freshness={freshnessOf(task, context)}
                context={context}
                wall
              />
            </section>
          );
        })}
      </div>
      {more.length > 0 ? (
        <p className="wall-charts-more" data-testid="wall-charts-more" title={more.map((task) => taskName(task, stacks.get(task.stackId))).join(', ')}>
          {`+${more.length} more ${more.length === 1 ? 'task' : 'tasks'}, not charted here`}
        </p>
      ) : null}
    </>
  );
}
