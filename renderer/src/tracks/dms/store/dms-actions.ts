// Store actions of the replication (DMS) view: its re-read, series, task controls, resources, connection tests,
// alerts, and the interests (table statistics, logs) the core is told about while views show them.
import { MAX_FOCUSED_TASKS, MAX_FOLLOWED_LOGS } from '../../../../../common/limits';
import { isDmsEvent, mergeAlert, mergeLogs, mergeResources, mergeTables, mergeTask, pruneLogs, pruneTables, replaceDms } from './dms';
import { InterestHolders } from '../../../store/interest';
import type { CockpitActions } from '../../../store/cockpit-state';
import { without, type StoreContext } from '../../../store/actions/context';

type DmsActions = Pick<
  CockpitActions,
  | 'resyncDms'
  | 'fetchSeries'
  | 'holdFocus'
  | 'controlTask'
  | 'fetchResources'
  | 'testConnection'
  | 'holdLog'
  | 'acknowledgeAlert'
  | 'openReplication'
  | 'selectReplicationTask'
  | 'setAlertsOpen'
>;

export interface DmsInterests {
  /** Tasks whose table statistics views show (the core polls them: dms.focus). */
  readonly focus: InterestHolders<readonly string[]>;
  /** Tasks whose log panels are open (the core tails them: dms.logs.follow). */
  readonly logs: InterestHolders<string>;
}

export function dmsInterests({ api, set }: Pick<StoreContext, 'api' | 'set'>): DmsInterests {
  const focus: InterestHolders<readonly string[]> = new InterestHolders(
    (held) => {
      const union = new Set<string>();
      for (const keys of held.values()) for (const key of keys) union.add(key);
      return [...union].sort().slice(0, MAX_FOCUSED_TASKS);
    },
    (keys) =>
      void api.commands['dms.focus']({ taskKeys: [...keys] }).then((result) => {
        if (result.ok) set((state) => ({ dms: mergeTables(state.dms, result.value, focus.keys()) }));
      }),
  );
  // The newest panels opened win (the contract's limit), in a stable order.
  const logs: InterestHolders<string> = new InterestHolders(
    (held) => [...new Set([...held.values()].reverse())].slice(0, MAX_FOLLOWED_LOGS).sort(),
    (keys) =>
      void api.commands['dms.logs.follow']({ taskKeys: [...keys] }).then((result) => {
        if (result.ok) set((state) => ({ dms: mergeLogs(state.dms, result.value, logs.keys()) }));
      }),
  );
  return { focus, logs };
}

export function dmsActions(context: StoreContext, interests: DmsInterests): DmsActions {
  const { api, get, set, pushError, arrivals } = context;
  return {
    async resyncDms() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['dms.snapshot']({}));
      // No banner: the replication view and the monitor line say it where it matters.
      if (result.ok) set((state) => ({ dms: replaceDms(state.dms, result.value, arrived.filter(isDmsEvent), interests.focus.keys()) }));
      else set((state) => ({ dms: { ...state.dms, error: result.error.message } }));
    },

    fetchSeries(taskKey, range, maxPoints) {
      const points = Math.max(10, Math.min(4000, Math.round(maxPoints)));
      return api.commands['dms.series']({ taskKey, range, maxPoints: points });
    },

    holdFocus(taskKeys) {
      return interests.focus.hold([...taskKeys], () => set((state) => ({ dms: pruneTables(state.dms, interests.focus.keys()) })));
    },

    async controlTask(taskKey, action, tables, confirmation = {}) {
      if (get().pendingControls[taskKey]) return null;
      set((state) => ({ pendingControls: { ...state.pendingControls, [taskKey]: action } }));
      const { confirm, reason, by } = confirmation;
      const result = await api.commands['dms.control']({
        taskKey,
        action,
        ...(tables ? { tables } : {}),
        ...(confirm !== undefined ? { confirm } : {}),
        ...(reason !== undefined ? { override: { reason } } : {}),
        ...(by ? { by } : {}),
      });
      set((state) => ({
        pendingControls: without(state.pendingControls, taskKey),
        ...(result.ok ? { dms: mergeTask(state.dms, result.value) } : {}),
      }));
      return result.ok ? null : result.error;
    },

    async fetchResources(taskKey, refresh = false) {
      const result = await api.commands['dms.resources']({ taskKey, refresh });
      if (result.ok) set((state) => ({ dms: mergeResources(state.dms, result.value) }));
      return result.ok ? null : result.error;
    },

    async testConnection(taskKey, endpoint) {
      const pendingKey = `${taskKey}:${endpoint}`;
      if (get().pendingConnectionTests[pendingKey]) return null;
      set((state) => ({ pendingConnectionTests: { ...state.pendingConnectionTests, [pendingKey]: true } }));
      const result = await api.commands['dms.testConnection']({ taskKey, endpoint });
      set((state) => ({
        pendingConnectionTests: without(state.pendingConnectionTests, pendingKey),
        ...(result.ok ? { dms: mergeResources(state.dms, result.value) } : {}),
      }));
      return result.ok ? null : result.error;
    },

    holdLog(taskKey) {
      return interests.logs.hold(taskKey, () => set((state) => ({ dms: pruneLogs(state.dms, interests.logs.keys()) })));
    },

    async acknowledgeAlert(alertId) {
      const result = await api.commands['dms.alerts.ack']({ alertId });
      if (result.ok) set((state) => ({ dms: mergeAlert(state.dms, result.value) }));
      else pushError(`The alert could not be acknowledged: ${result.error.message}`);
    },

    openReplication(waveId, taskKey = null) {
      set((state) => ({ view: 'replication', replicationWaveId: waveId ?? state.replicationWaveId, replicationTaskKey: taskKey }));
    },

    selectReplicationTask(replicationTaskKey) {
      set({ replicationTaskKey });
    },

    setAlertsOpen(alertsOpen) {
      set({ alertsOpen });
    },
  };
}
