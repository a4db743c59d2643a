// The stack detail panel's replication section: each of the stack's DMS tasks in full (card, controls, resources,
// charts, table statistics, polled while the panel shows them, and log), or the plan's reference while the monitor has
// no view; and the stack's fallback reverse task while a rollback has the monitor follow it.
import { taskKey } from '../../../../../common/keys';
import { useMemo } from 'react';
import type { PlanView, StackView } from '../../../../../main/api/contract';
import { useDmsFocus } from '../hooks/use-dms-focus';
import { tasksOfStack } from '../lib/replication';
import { MonitorStatusLine } from './MonitorStatusLine';
import { TaskDetail } from './TaskDetail';
import { useDms } from '../slice';

export function StackReplication({ plan, stack }: { plan: PlanView; stack: StackView }) {
  const allTasks = useDms((slice) => slice.dms.tasks);
  const loaded = useDms((slice) => slice.dms.loaded);
  const allReverse = useDms((slice) => slice.dms.reverseTasks);
  const tasks = useMemo(() => tasksOfStack(allTasks, stack.id), [allTasks, stack.id]);
  const reverse = useMemo(() => Object.values(allReverse).filter((task) => task.stackId === stack.id), [allReverse, stack.id]);
  const wave = plan.waves.find((w) => w.id === stack.waveId);
  useDmsFocus([...tasks, ...reverse].map((task) => task.key));
  const monitored = new Set(tasks.map((task) => task.key));
  const unmonitored = stack.replicationTasks.flatMap((ref, index) => (monitored.has(taskKey(stack.id, index)) ? [] : [{ ref, index }]));

  return (
    <section className="stack-replication" aria-label={`Replication of ${stack.name}`} data-testid="stack-replication">
      <h3>Replication</h3>
      {stack.replicationTasks.length === 0 && reverse.length === 0 ? (
        <p className="muted">No replication tasks.</p>
      ) : (
        <>
          <MonitorStatusLine />
          {tasks.map((task) => (
            <TaskDetail key={task.key} task={task} stack={stack} wave={wave} />
          ))}
          {reverse.map((task) => (
            <TaskDetail key={task.key} task={task} stack={stack} wave={wave} reverse />
          ))}
          {unmonitored.length > 0 ? (
            <ul className="plain-list">
              {unmonitored.map(({ ref, index }) => (
                <li key={index}>
                  {ref.kind === 'task-id' ? (
                    <code>{ref.taskId}</code>
                  ) : (
                    <>
                      from stack output <code>{ref.output}</code>
                    </>
                  )}{' '}
                  <span className="muted">{loaded ? '· the monitor has no view of this task' : '· reading replication status…'}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
