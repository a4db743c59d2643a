// The DMS track's part of a store: its actions (series, task controls, resources, connection tests, alerts, the
// replication view), the interests (table statistics, logs) the core is told about while views show them, how a batch
// of dms.* events changes the slice, and its re-read (dms.snapshot).
import { MAX_FOCUSED_TASKS, MAX_FOLLOWED_LOGS } from '../../../../../common/limits';
import type { TrackConnection, TrackStore } from '../../../seam/track-ui';
import { without } from '../../../store/actions/context';
import { InterestHolders } from '../../../store/interest';
import type { DmsActions, DmsSlice } from '../slice';
import { applyDmsEvents, mergeAlert, mergeLogs, mergeResources, mergeTables, mergeTask, pruneLogs, pruneTables, replaceDms, type DmsState } from './dms';

export function connectDms(store: TrackStore<DmsSlice>): TrackConnection<DmsSlice, DmsActions> {
  const { api, slice, update, showTab, pushError, during } = store;
  const updateDms = (change: (dms: DmsState) => DmsState) => update((current) => ({ ...current, dms: change(current.dms) }));

  // Tasks whose table statistics views show (the core polls them: dms.focus).
  const focus: InterestHolders<readonly string[]> = new InterestHolders(
    (held) => {
      const union = new Set<string>();
      for (const keys of held.values()) for (const key of keys) union.add(key);
      return [...union].sort().slice(0, MAX_FOCUSED_TASKS);
    },
    (keys) =>
      void api.commands['dms.focus']({ taskKeys: [...keys] }).then((result) => {
        if (result.ok) updateDms((dms) => mergeTables(dms, result.value, focus.keys()));
      }),
  );
  // Tasks whose log panels are open (the core tails them: dms.logs.follow). The newest panels opened win (the
  // contract's limit), in a stable order.
  const logs: InterestHolders<string> = new InterestHolders(
    (held) => [...new Set([...held.values()].reverse())].slice(0, MAX_FOLLOWED_LOGS).sort(),
    (keys) =>
      void api.commands['dms.logs.follow']({ taskKeys: [...keys] }).then((result) => {
        if (result.ok) updateDms((dms) => mergeLogs(dms, result.value, logs.keys()));
      }),
  );

  const actions: DmsActions = {
    fetchSeries(taskKey, after) {
      return api.commands['dms.series'](after === undefined ? { taskKey } : { taskKey, after });
    },

    holdFocus(taskKeys) {
      return focus.hold([...taskKeys], () => updateDms((dms) => pruneTables(dms, focus.keys())));
    },

    async controlTask(taskKey, action, tables, confirmation = {}) {
      if (slice().pendingControls[taskKey]) return null;
      update((current) => ({ ...current, pendingControls: { ...current.pendingControls, [taskKey]: action } }));
      const { confirm, reason, by } = confirmation;
      const result = await api.commands['dms.control']({
        taskKey,
        action,
        ...(tables ? { tables } : {}),
        ...(confirm !== undefined ? { confirm } : {}),
        ...(reason !== undefined ? { override: { reason } } : {}),
        ...(by ? { by } : {}),
      });
      update((current) => ({
        ...current,
        pendingControls: without(current.pendingControls, taskKey),
        ...(result.ok ? { dms: mergeTask(current.dms, result.value) } : {}),
      }));
      return result.ok ? null : result.error;
    },

    async fetchResources(taskKey, refresh = false) {
      const result = await api.commands['dms.resources']({ taskKey, refresh });
      if (result.ok) updateDms((dms) => mergeResources(dms, result.value));
      return result.ok ? null : result.error;
    },

    async testConnection(taskKey, endpoint) {
      const pendingKey = `${taskKey}:${endpoint}`;
      if (slice().pendingConnectionTests[pendingKey]) return null;
      update((current) => ({ ...current, pendingConnectionTests: { ...current.pendingConnectionTests, [pendingKey]: true } }));
      const result = await api.commands['dms.testConnection']({ taskKey, endpoint });
      update((current) => ({
        ...current,
        pendingConnectionTests: without(current.pendingConnectionTests, pendingKey),
        ...(result.ok ? { dms: mergeResources(current.dms, result.value) } : {}),
      }));
      return result.ok ? null : result.error;
    },

    holdLog(taskKey) {
      return logs.hold(taskKey, () => updateDms((dms) => pruneLogs(dms, logs.keys())));
    },

    async acknowledgeAlert(alertId) {
      const result = await api.commands['dms.alerts.ack']({ alertId });
      if (result.ok) updateDms((dms) => mergeAlert(dms, result.value));
      else pushError(`The alert could not be acknowledged: ${result.error.message}`);
    },

    openReplication(waveId, taskKey = null) {
      showTab((current) => ({ ...current, replicationWaveId: waveId ?? current.replicationWaveId, replicationTaskKey: taskKey }));
    },

    selectReplicationTask(replicationTaskKey) {
      update((current) => ({ ...current, replicationTaskKey }));
    },

    setAlertsOpen(alertsOpen) {
      update((current) => ({ ...current, alertsOpen }));
    },
  };

  return {
    actions,

    apply(current, events) {
      const dms = applyDmsEvents(current.dms, events, focus.keys(), logs.keys());
      return dms === current.dms ? current : { ...current, dms };
    },

    async reread() {
      // After a reconnect the core may have forgotten what the views hold: tell it again.
      focus.sync(true);
      logs.sync(true);
      const { answer: result, arrived } = await during(() => api.commands['dms.snapshot']({}));
      // No banner: the replication view and the monitor line say it where it matters.
      if (result.ok) updateDms((dms) => replaceDms(dms, result.value, arrived, focus.keys()));
      else updateDms((dms) => ({ ...dms, error: result.error.message }));
    },
  };
}
