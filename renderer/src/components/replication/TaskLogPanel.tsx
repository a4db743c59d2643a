// A task's DMS log from CloudWatch Logs, tailed by the core only while this panel is open (dms.logs.follow): the
// newest lines, then new ones as DMS writes them, coloured by severity. A virtualized list that follows new lines
// while the operator is at the bottom; scrolling up stops following, "Follow" resumes it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { TaskLogLine } from '../../../../main/api/contract';
import { formatClock, formatCount } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import { MAX_TASK_LOG_LINES } from '../../store/dms';
import { droppedCount, itemAt } from '../../store/log-buffer';

const ROW_ESTIMATE = 18;
const BOTTOM_SLACK = 24;

const LEVEL_LABELS: Readonly<Record<TaskLogLine['level'], string>> = { error: 'error', warning: 'warn', info: 'info', debug: 'debug', trace: 'trace', other: '' };

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
  const log = useCockpit((state) => state.dms.logs[taskKey]);
  const { holdLog } = useActions();
  useEffect(() => holdLog(taskKey), [taskKey, holdLog]);
  const lines = log?.lines;
  const count = lines?.length ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);

  // The app does not use the React Compiler; the virtualizer re-renders this component itself when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    getItemKey: (index) => (lines ? (itemAt(lines, index)?.seq ?? -index) : index),
  });
  const totalSize = virtualizer.getTotalSize();

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && following) element.scrollTop = element.scrollHeight;
  }, [lines, following, totalSize]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const dropped = lines ? droppedCount(lines) : 0;
  const state = log?.state ?? 'waiting';
  return (
    <div id={id} className="op-log task-log-body">
      <div className="op-log-head">
        <span className="muted op-log-count" data-testid="task-log-status" data-state={state}>
          {log?.group && log.stream ? (
            <>
              <code>{log.group}</code> / <code>{log.stream}</code> ·{' '}
            </>
          ) : null}
          {formatCount(count)} {count === 1 ? 'line' : 'lines'}
          {dropped > 0 ? ` · ${formatCount(dropped)} older dropped (the last ${formatCount(MAX_TASK_LOG_LINES)} are kept)` : ''}
          {state === 'following' ? ' · following' : ''}
        </span>
        <button
          type="button"
          className="follow-button"
          aria-pressed={following}
          disabled={following}
          title={following ? 'Following new lines' : 'Scroll to the newest line and keep following'}
          onClick={() => setFollowing(true)}
        >
          Follow
        </button>
      </div>
      {log?.message ? (
        <p className={state === 'error' ? 'error-text' : 'muted'} role={state === 'error' ? 'alert' : undefined} data-testid="task-log-message">
          {log.message}
        </p>
      ) : null}
      <div
        ref={scrollRef}
        className="op-log-scroll task-log-scroll"
        data-testid="task-log-lines"
        data-following={following}
        role="log"
        aria-live="off"
        aria-label={`DMS log of ${name}`}
        tabIndex={0}
        onScroll={onScroll}
      >
        {count === 0 ? (
          <p className="op-log-empty muted">{!log ? 'Reading the task’s log…' : state === 'following' ? 'No log lines yet.' : 'No lines to show.'}</p>
        ) : (
          <div className="op-log-inner" style={{ height: totalSize }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = itemAt(lines!, item.index)!;
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="log-line task-log-line"
                  data-testid="task-log-line"
                  data-level={line.level}
                  data-seq={line.seq}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <time className="log-time" dateTime={line.at}>
                    {formatClock(line.at)}
                  </time>
                  <span className="log-level">{LEVEL_LABELS[line.level]}</span>
                  <span className="log-text">{line.text}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
