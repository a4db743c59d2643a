// A task's DMS log from CloudWatch Logs, tailed by the core only while this panel is open (dms.logs.follow): the
// newest lines, then new ones as DMS writes them, coloured by severity, in the shared log view
// (common/LogView.tsx): it follows new lines while the operator is at the bottom; scrolling up stops following,
// "Follow" resumes it. CloudWatch Logs stamps the lines on the replication data's clock: the head names it (an
// accelerated rehearsal's runs ahead of the wall clock).
import { useEffect, useId, useState } from 'react';
import type { TaskLogLine } from '../../../../../main/api/contract';
import { dataClockLabel } from '../../../lib/readiness';
import { useDataClockRate } from '../hooks/use-freshness';
import { LogView } from '../../../components/common/LogView';
import { useDms, useDmsActions } from '../slice';

const LEVEL_LABELS: Readonly<Record<TaskLogLine['level'], string>> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
  trace: 'trace',
  other: '',
};
const levelLabel = (level: TaskLogLine['level']) => LEVEL_LABELS[level];

const TEST_IDS = { count: 'task-log-status', lines: 'task-log-lines', line: 'task-log-line' } as const;

export function TaskLogPanel({ taskKey, name }: { taskKey: string; name: string }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <section className="task-log" aria-label={`Log of ${name}`} data-testid="task-log" data-open={open}>
      <button type="button" className="link-button task-log-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((value) => !value)}>
        {open ? 'Hide task log' : 'Show task log'}
      </button>
      {open ? <TaskLogBody id={bodyId} taskKey={taskKey} name={name} /> : null}
    </section>
  );
}

function TaskLogBody({ id, taskKey, name }: { id: string; taskKey: string; name: string }) {
  const log = useDms((slice) => slice.dms.logs[taskKey]);
  const clock = useDataClockRate();
  const { holdLog } = useDmsActions();
  useEffect(() => holdLog(taskKey), [taskKey, holdLog]);
  const state = log?.state ?? 'waiting';
  return (
    <LogView
      id={id}
      className="task-log-body"
      scrollClassName="task-log-scroll"
      lineClassName="task-log-line"
      lines={log?.lines}
      label={`DMS log of ${name}`}
      testIds={TEST_IDS}
      state={state}
      source={
        log?.group && log.stream ? (
          <>
            <code>{log.group}</code> / <code>{log.stream}</code> ·{' '}
          </>
        ) : null
      }
      notes={`${state === 'following' ? ' · following' : ''} · times ${dataClockLabel(clock)}`}
      message={
        log?.message ? (
          <p className={state === 'error' ? 'error-text' : 'muted'} role={state === 'error' ? 'alert' : undefined} data-testid="task-log-message">
            {log.message}
          </p>
        ) : null
      }
      levelLabel={levelLabel}
      emptyText={!log ? 'Reading the task’s log…' : state === 'following' ? 'No log lines yet.' : 'No lines to show.'}
    />
  );
}
