// Store actions of cutover readiness and the runbook: their re-reads, runbook commands, the evidence pack.
import { transportFailure } from '../../../../common/command-error';
import type { CommandResult } from '../../../../main/api/contract';
import type { CockpitActions } from '../cockpit-state';
import { isCutoverEvent, mergeRun, replaceCutover } from '../cutover';
import { isReadinessEvent, replaceReadiness } from '../readiness';
import { without, type StoreContext } from './context';

type CutoverActions = Pick<CockpitActions, 'resyncReadiness' | 'resyncCutover' | 'cutoverCommand' | 'exportEvidence' | 'openReadiness'>;

export function cutoverActions({ api, get, set, arrivals }: StoreContext): CutoverActions {
  return {
    async resyncReadiness() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['cutover.readiness']({}));
      // No banner: the readiness view says it where it matters.
      if (result.ok)
        set((state) => ({
          readiness: replaceReadiness(
            state.readiness,
            result.value,
            arrived.filter((event) => isReadinessEvent(event) || event.type === 'plan.changed'),
          ),
        }));
      else set((state) => ({ readiness: { ...state.readiness, error: result.error.message } }));
    },

    async resyncCutover() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['cutover.state']({}));
      // No banner: the runbook panel says it where it matters.
      if (result.ok)
        set((state) => ({
          cutover: replaceCutover(
            state.cutover,
            result.value,
            arrived.filter((event) => isCutoverEvent(event) || event.type === 'plan.changed'),
          ),
        }));
      else set((state) => ({ cutover: { ...state.cutover, error: result.error.message } }));
    },

    async cutoverCommand(waveId, kind, options = {}) {
      if (get().pendingCutover[waveId]) return null;
      set((state) => ({ pendingCutover: { ...state.pendingCutover, [waveId]: kind } }));
      const by = options.by?.trim() ? { by: options.by.trim() } : {};
      const request = { waveId, ...by };
      let result: CommandResult<'cutover.start'>;
      try {
        switch (kind) {
          case 'start':
            result = await api.commands['cutover.start']({
              ...request,
              ...(options.overrideReason !== undefined ? { override: { reason: options.overrideReason } } : {}),
            });
            break;
          case 'confirmStep':
            result = await api.commands['cutover.confirmStep']({
              ...request,
              stepId: options.stepId ?? '',
              ...(options.note?.trim() ? { note: options.note.trim() } : {}),
              ...(options.typed !== undefined ? { typed: options.typed } : {}),
            });
            break;
          case 'pause':
            result = await api.commands['cutover.pause'](request);
            break;
          case 'resume':
            result = await api.commands['cutover.resume'](request);
            break;
          case 'retry':
            result = await api.commands['cutover.retry'](request);
            break;
          case 'abort':
            result = await api.commands['cutover.abort'](request);
            break;
          case 'rollback':
            result = await api.commands['cutover.rollback']({ ...request, reason: options.reason ?? '' });
            break;
          case 'finalize':
            result = await api.commands['cutover.finalize']({ ...request, reason: options.reason ?? '' });
            break;
        }
      } catch (error) {
        result = transportFailure(error);
      }
      set((state) => ({
        pendingCutover: without(state.pendingCutover, waveId),
        ...(result.ok ? { cutover: mergeRun(state.cutover, result.value) } : {}),
      }));
      return result.ok ? null : result.error;
    },

    exportEvidence(waveId, format) {
      return api.commands['evidence.export']({ waveId, format });
    },

    openReadiness(waveId) {
      set((state) => ({ view: 'readiness', readinessWaveId: waveId ?? state.readinessWaveId }));
    },
  };
}
