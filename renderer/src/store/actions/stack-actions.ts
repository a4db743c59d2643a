// Store actions on stacks and waves: Pulumi operations, their kept logs, cancels, the recovery scan, and the
// re-reads of operations and wave operations.
import { kindLabel } from '../../lib/operations';
import type { CockpitActions } from '../cockpit-state';
import { applyKeptLog, mergeOperations, replaceOperations, type OperationsState } from '../operations';
import { replaceRecovery } from '../recovery';
import { mergeWaveOperations, replaceWaveOperations } from '../waves';
import type { CockpitEventOf } from '../arrivals';
import { without, type StoreContext } from './context';

type StackActions = Pick<CockpitActions, 'operateStack' | 'loadKeptLog' | 'cancelOperation' | 'operateWave' | 'cancelWave' | 'scanRecovery'>;

export function stackActions({
  api,
  get,
  set,
  pushError,
  arrivals,
}: StoreContext): StackActions & { resyncOperations(): Promise<void>; resyncWaves(): Promise<void> } {
  /** The id of the stack's running operation, if its newest one runs. */
  const latestRunning = (stackId: string): string | undefined => {
    const { operations } = get();
    const id = operations.latestByStack[stackId];
    return id !== undefined && operations.byId[id]?.status === 'running' ? id : undefined;
  };

  return {
    async operateStack(stackId, kind) {
      if (get().pendingOperations[stackId]) return null;
      set((state) => ({ pendingOperations: { ...state.pendingOperations, [stackId]: kind } }));
      const result = await api.commands['stack.operate']({ stackId, kind });
      set((state) => ({
        pendingOperations: without(state.pendingOperations, stackId),
        ...(result.ok ? { operations: mergeOperations(state.operations, [result.value]) } : {}),
      }));
      if (result.ok) return null;
      pushError(`${kindLabel(kind)} of ${stackId} did not start: ${result.error.message}`);
      return result.error;
    },

    async loadKeptLog(operationId) {
      if (get().keptLogs[operationId] !== undefined) return;
      const result = await api.commands['operation.log']({ operationId });
      if (!result.ok) {
        pushError(`The log of operation ${operationId} could not be read: ${result.error.message}`);
        return;
      }
      set((state) => ({
        operations: applyKeptLog(state.operations, operationId, result.value.lines),
        keptLogs: { ...state.keptLogs, [operationId]: result.value.kept },
      }));
    },

    async cancelOperation(stackId) {
      const running = latestRunning(stackId);
      if (!running) return;
      set((state) => ({ cancelRequested: { ...state.cancelRequested, [stackId]: running } }));
      const result = await api.commands['stack.cancel']({ stackId });
      if (!result.ok || !result.value.cancelled) set((state) => ({ cancelRequested: without(state.cancelRequested, stackId) }));
      if (!result.ok) pushError(`Cancel of ${stackId} failed: ${result.error.message}`);
    },

    async operateWave(waveId, kind) {
      if (get().pendingWaves[waveId]) return null;
      set((state) => ({ pendingWaves: { ...state.pendingWaves, [waveId]: kind } }));
      const result = kind === 'deploy' ? await api.commands['wave.deploy']({ waveId }) : await api.commands['wave.rollback']({ waveId });
      set((state) => ({
        pendingWaves: without(state.pendingWaves, waveId),
        ...(result.ok ? { waveOperations: mergeWaveOperations(state.waveOperations, [result.value]) } : {}),
      }));
      return result.ok ? null : result.error;
    },

    async cancelWave(waveId) {
      if (get().pendingWaves[waveId]) return;
      set((state) => ({ pendingWaves: { ...state.pendingWaves, [waveId]: 'cancel' } }));
      const result = await api.commands['wave.cancel']({ waveId });
      set((state) => ({ pendingWaves: without(state.pendingWaves, waveId) }));
      if (!result.ok) pushError(`Cancel of wave ${waveId} failed: ${result.error.message}`);
    },

    async scanRecovery() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['recovery.scan']({}));
      if (result.ok) set({ recovery: replaceRecovery(result.value, new Set(recoveredIn(arrived))) });
      else pushError(`Recovery scan failed: ${result.error.message}`);
    },

    async resyncOperations() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['operations.list']({}));
      if (!result.ok) return pushError(result.error);
      const touched = new Set(arrived.flatMap((event) => (event.type === 'operation.updated' ? [event.operation.operationId] : [])));
      set((state) => {
        const operations = replaceOperations(state.operations, result.value, touched);
        return { operations, cancelRequested: stillRunning(state.cancelRequested, operations) };
      });
    },

    async resyncWaves() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['waves.list']({}));
      const touched = new Set(arrived.flatMap((event) => (event.type === 'wave.updated' ? [event.operation.waveId] : [])));
      if (result.ok) set((state) => ({ waveOperations: replaceWaveOperations(state.waveOperations, result.value, touched) }));
      else pushError(result.error);
    },
  };
}

/** Cancel requests that still refer to a running operation (the others are done, one way or another). */
export function stillRunning(requests: Readonly<Record<string, string>>, operations: OperationsState): Readonly<Record<string, string>> {
  const kept = Object.entries(requests).filter(([, id]) => operations.byId[id]?.status === 'running');
  return kept.length === Object.keys(requests).length ? requests : Object.fromEntries(kept);
}

/** Stacks whose recover succeeded among these events. */
export function recoveredIn(events: readonly CockpitEventOf[]): string[] {
  return events.flatMap((event) =>
    event.type === 'operation.updated' && event.operation.kind === 'recover' && event.operation.status === 'succeeded' ? [event.operation.stackId] : [],
  );
}
