// The stack detail panel's replication section: each of the stack's DMS tasks in full (card, controls, charts,
// table statistics, polled while the panel shows them), or the plan's reference while the monitor has no view.
import { useMemo } from 'react';
import type { PlanView, StackView } from '../../../../main/api/contract';
import { useDmsFocus } from '../../hooks/use-dms-focus';
import { taskKeyOf, tasksOfStack } from '../../lib/replication';
import { useCockpit } from '../../store/context';
import { MonitorStatusLine } from './MonitorStatusLine';
import { TaskDetail } from './TaskDetail';

export function StackReplication({ plan, stack }: { plan: PlanView; stack: StackView }) {
  const allTasks = useCockpit((state) => state.dms.tasks);
  const loaded = useCockpit((state) => state.dms.loaded);
  const tasks = useMemo(() => tasksOfStack(allTasks, stack.id), [allTasks, stack.id]);
  const wave = plan.waves.find((w) => w.id === stack.waveId);
  useDmsFocus(tasks.map((task) => task.key));
  const monitored = new Set(tasks.map((task) => task.key));
  const unmonitored = stack.replicationTasks.flatMap((ref, index) => (monitored.has(taskKeyOf(stack.id, index)) ? [] : [{ ref, index }]));

  return (
    <section className="stack-replication" aria-label={`Replication of ${stack.name}`} data-testid="stack-replication">
      <h3>Replication</h3>
      {stack.replicationTasks.length === 0 ? (
        <p className="muted">No replication tasks.</p>
      ) : (
        <>
          <MonitorStatusLine />
          {tasks.map((task) => (
            <TaskDetail key={task.key} task={task} stack={stack} wave={wave} />
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
