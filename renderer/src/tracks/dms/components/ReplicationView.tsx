// The replication view: the monitor's status, a wave picker, the chosen wave's gate, its heatmap and task cards,
// the fallback reverse tasks a rollback of the wave started, and the opened task in full (controls, resources,
// charts, table statistics and log; its table statistics are polled while open, its log while that is open).
import { useMemo } from 'react';
import type { PlanView, WaveGateView, WaveView } from '../../../../../main/api/contract';
import { useDmsFocus } from '../hooks/use-dms-focus';
import { useFreshnessContext } from '../hooks/use-freshness';
import { freshnessOf, taskName, tasksOfWave } from '../lib/replication';
import { GatePill, TaskCard, useGateJudgement } from './TaskCard';
import { TaskDetail } from './TaskDetail';
import { MonitorStatusLine } from './MonitorStatusLine';
import { WaveGateSummary } from './WaveGateSummary';
import { WaveHeatmap } from './WaveHeatmap';
import { useDms, useDmsActions } from '../slice';

export function ReplicationView({ plan }: { plan: PlanView | null }) {
  const chosenWaveId = useDms((slice) => slice.replicationWaveId);
  const allTasks = useDms((slice) => slice.dms.tasks);
  const gates = useDms((slice) => slice.dms.waves);
  const { openReplication } = useDmsActions();

  const waves = plan?.waves ?? [];
  const wave = waves.find((w) => w.id === chosenWaveId) ?? waves.find((w) => tasksOfWave(allTasks, w).length > 0) ?? waves[0];

  return (
    <section className="replication-view" aria-label="Replication" data-testid="replication-view">
      <header className="replication-head">
        <h2 className="replication-title">Replication</h2>
        <MonitorStatusLine />
      </header>
      {/* Without a plan the monitor line says so. */}
      {waves.length === 0 ? (
        plan ? (
          <p className="muted">The plan has no waves.</p>
        ) : null
      ) : (
        <div className="segmented wave-picker" role="group" aria-label="Waves">
          {waves.map((w) => (
            <button key={w.id} type="button" aria-pressed={w.id === wave?.id} data-wave-id={w.id} onClick={() => openReplication(w.id)}>
              <span className="wave-order">{w.order}</span> {w.name}
              <WavePickerGate wave={w} gate={gates[w.id]} />
            </button>
          ))}
        </div>
      )}
      {plan && wave ? <WaveReplication key={wave.id} plan={plan} wave={wave} /> : null}
    </section>
  );
}

/** A wave's gate in the picker: tasks green out of all while the gates judge, else a neutral word. */
function WavePickerGate({ wave, gate }: { wave: WaveView; gate: WaveGateView | undefined }) {
  const judgement = useGateJudgement(wave);
  if (judgement.kind === 'none') return <GatePill status="neutral" label="no gates" title={judgement.text} />;
  if (judgement.kind === 'not-judged') return <GatePill status="neutral" label="not judged" title={judgement.text} />;
  return gate ? <GatePill status={gate.status} label={`${gate.tasksGreen}/${gate.tasksTotal}`} /> : null;
}

function WaveReplication({ plan, wave }: { plan: PlanView; wave: WaveView }) {
  const allTasks = useDms((slice) => slice.dms.tasks);
  const loaded = useDms((slice) => slice.dms.loaded);
  const openKey = useDms((slice) => slice.replicationTaskKey);
  const { selectReplicationTask } = useDmsActions();
  const context = useFreshnessContext();
  const allReverse = useDms((slice) => slice.dms.reverseTasks);
  const tasks = useMemo(() => tasksOfWave(allTasks, wave), [allTasks, wave]);
  // The reverse tasks of the wave's stacks, apart from its tasks: no heatmap cell, no part of its gate.
  const reverse = useMemo(() => Object.values(allReverse).filter((task) => wave.stackIds.includes(task.stackId)), [allReverse, wave]);
  const stacks = useMemo(() => new Map(plan.stacks.map((stack) => [stack.id, stack])), [plan.stacks]);
  const openedReverse = reverse.find((task) => task.key === openKey);
  const opened = tasks.find((task) => task.key === openKey) ?? openedReverse;
  useDmsFocus(opened ? [opened.key] : []);

  return (
    <div className="wave-replication" data-testid="wave-replication" data-wave-id={wave.id}>
      <div className="wave-replication-head">
        <h3 className="wave-title">
          <span className="wave-order" aria-label={`Wave ${wave.order}:`}>
            {wave.order}
          </span>
          <span className="wave-name">{wave.name}</span>
          <span className="wave-id">{wave.id}</span>
        </h3>
        <WaveGateSummary wave={wave} />
      </div>
      {!loaded ? (
        <p className="muted">Reading replication status…</p>
      ) : (
        <>
          <WaveHeatmap wave={wave} tasks={tasks} stacks={stacks} openKey={opened?.key ?? null} onOpen={selectReplicationTask} />
          {opened ? (
            <section className="opened-task" aria-label={`Task ${taskName(opened, stacks.get(opened.stackId))}`}>
              <div className="opened-task-head">
                <button type="button" className="link-button" onClick={() => selectReplicationTask(null)}>
                  ← All tasks of the wave
                </button>
              </div>
              <TaskDetail task={opened} stack={stacks.get(opened.stackId)} wave={wave} level={3} reverse={opened === openedReverse} />
            </section>
          ) : (
            <div className="task-card-grid">
              {tasks.map((task) => (
                <div key={task.key} className="task-card-slot">
                  <TaskCard task={task} stack={stacks.get(task.stackId)} wave={wave} freshness={freshnessOf(task, context)} context={context} />
                  <button
                    type="button"
                    className="task-open"
                    aria-label={`Open task ${taskName(task, stacks.get(task.stackId))}`}
                    onClick={() => selectReplicationTask(task.key)}
                  >
                    Charts, tables and controls →
                  </button>
                </div>
              ))}
            </div>
          )}
          {!opened && reverse.length > 0 ? (
            <section className="reverse-tasks" aria-label="Fallback reverse tasks" data-testid="reverse-tasks">
              <h4 className="reverse-tasks-title">Fallback reverse tasks (AWS → data center)</h4>
              <p className="muted">A rollback of this wave started them: they keep the data center current and are no part of the wave&rsquo;s gate.</p>
              <div className="task-card-grid">
                {reverse.map((task) => (
                  <div key={task.key} className="task-card-slot">
                    <TaskCard task={task} stack={stacks.get(task.stackId)} wave={wave} freshness={freshnessOf(task, context)} context={context} reverse />
                    <button
                      type="button"
                      className="task-open"
                      aria-label={`Open reverse task ${taskName(task, stacks.get(task.stackId))}`}
                      onClick={() => selectReplicationTask(task.key)}
                    >
                      Charts, tables and controls →
                    </button>
                  </div>
                ))}
              </div>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
