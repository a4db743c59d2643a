// Why a task stopped, in words.

/** DMS's StopReason codes (after "Stop Reason "), as an operator reads them. */
const STOP_REASONS: Readonly<Record<string, string>> = {
  NORMAL: 'normal stop, no error',
  RECOVERABLE_ERROR: 'recoverable error',
  FATAL_ERROR: 'fatal error',
  FULL_LOAD_ONLY_FINISHED: 'full load finished',
  STOPPED_AFTER_FULL_LOAD: 'stopped after the full load (cached changes not applied)',
  STOPPED_AFTER_CACHED_EVENTS: 'stopped after the full load (cached changes applied)',
  EXPRESS_LICENSE_LIMITS_REACHED: 'license limits reached',
  STOPPED_AFTER_DDL_APPLY: 'stopped after a DDL was applied, as configured',
  STOPPED_DUE_TO_LOW_MEMORY: 'low memory on the replication instance',
  STOPPED_DUE_TO_LOW_DISK: 'low disk space on the replication instance',
  STOPPED_AT_SERVER_TIME: 'reached its stop time (server time), as configured',
  STOPPED_AT_COMMIT_TIME: 'reached its stop time (commit time), as configured',
  RECONFIGURATION_RESTART: 'restarted for a reconfiguration',
  RECYCLE_TASK: 'task recycled',
};

/**
 * DMS's StopReason once and readable: "Stop Reason NORMAL" -> "normal stop, no error"; a code this cockpit does not
 * know in words ("Stop Reason SOMETHING_NEW" -> "something new"); text that is not a code as DMS wrote it.
 */
export function stopReasonText(raw: string): string {
  const code = raw.trim().replace(/^stop[ _]reason[ _:]*/i, '');
  if (Object.hasOwn(STOP_REASONS, code)) return STOP_REASONS[code]!;
  if (/^[A-Z][A-Z0-9_]*$/.test(code)) return code.toLowerCase().replace(/_/g, ' ');
  return code || raw;
}
