// The automated runbook steps: each step's action runs through its declaration (core-actions.ts, or a track's
// runbook part) and the runtime of whoever declared it (the core's Pulumi operations and fetch, a track's own).
// Every action works on every stack (or task) of the wave, reports progress while it waits, honours the step's
// abort signal (timeout or the operator's abort), and says per stack what happened.
import type { WaveModel } from '../plan/model';
import type { StepContext, StepOutcome } from '../seam/runbook-part';
import type { RunbookCatalog, RuntimeOf } from './catalog';
import type { RunbookStepDef } from './ledger';

export function createActions(
  catalog: RunbookCatalog,
  runtimeOf: RuntimeOf,
): {
  run: (step: RunbookStepDef, context: StepContext) => Promise<StepOutcome>;
  plannedDetails: (step: RunbookStepDef, wave: WaveModel) => Record<string, unknown> | undefined;
} {
  return {
    plannedDetails: (step, wave) => (step.action ? catalog.actions.get(step.action.type)?.decl.plannedDetails?.(step.action, wave) : undefined),
    run: async (step, context) => {
      const action = step.action;
      if (!action) return { ok: false, message: 'not an automated step' };
      const owned = catalog.actions.get(action.type);
      if (!owned) return { ok: false, message: `no runbook action '${action.type}' is declared (is its track running?)` };
      return owned.decl.run(action, context, runtimeOf(owned.trackId));
    },
  };
}
