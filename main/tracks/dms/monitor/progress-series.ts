// Full-load progress as a series beside the CloudWatch metrics: FullLoadProgressPercent as each describe read it,
// on the data clock, so dms.series serves a load's whole ramp (24 h at one value per minute) however long after it
// a window opens. Recorded while the task starts or loads (a load's ramp then begins at its 0 %, read when the task
// started, not at a 0 % from long before), and otherwise only when the value moved (the load finished, a reload
// started it over): a thousand tasks at 100 % add nothing to a cycle's dms.samples.
import { FULL_LOAD_PROGRESS, type SeriesPoints } from '../contract-views';
import type { SeriesStore } from './series-store';
import type { TaskState } from './task-state';

/** Phases in which every read is recorded, moved or not. */
const RECORDED_PHASES: ReadonlySet<TaskState['lastPhase']> = new Set(['starting', 'full-load']);

/** Records the task's progress as described at `at`; answers the point for dms.samples, or null when none was added. */
export function recordProgress(series: SeriesStore, state: TaskState, at: number): SeriesPoints | null {
  const percent = state.task?.ReplicationTaskStats?.FullLoadProgressPercent;
  // A CDC-only task has no full load: DMS's 0 % there is no progress of anything.
  if (percent === undefined || state.task?.MigrationType === 'cdc') return null;
  if (!RECORDED_PHASES.has(state.lastPhase) && series.latest(state.key, FULL_LOAD_PROGRESS) === percent) return null;
  const added = series.append(state.key, FULL_LOAD_PROGRESS, [[at, percent]]);
  return added.length > 0 ? { taskKey: state.key, metric: FULL_LOAD_PROGRESS, points: added } : null;
}
