// How the plan's wave differs from the wave a cutover run started with. A run keeps its own runbook and stacks
// (journaled at its start); this is what tells the operator that the plan now says something else.
import type { WaveModel } from '../plan/model';
import type { RunbookStepDef, RunState } from './ledger';

/**
 * How the plan's wave now differs from the one the run started with, in words (empty when it does not): the run
 * keeps its own runbook and stacks, and the operator must know that the plan says something else.
 */
export function planChanges(run: RunState, current: WaveModel | undefined): string[] {
  if (!current) return ['the wave is no longer in the plan'];
  if (!current.cutover) return ['the plan no longer has a runbook for this wave'];
  const changes: string[] = [];
  const ran = run.steps.map((step) => step.def);
  const planned = current.cutover.runbook as RunbookStepDef[];
  const ranIds = ran.map((def) => def.id);
  const plannedIds = planned.map((def) => def.id);
  const added = plannedIds.filter((id) => !ranIds.includes(id));
  const removed = ranIds.filter((id) => !plannedIds.includes(id));
  const changed = ran.filter((def) => {
    const now = planned.find((candidate) => candidate.id === def.id);
    return now !== undefined && JSON.stringify(now) !== JSON.stringify(def);
  });
  if (added.length > 0) changes.push(`step${added.length > 1 ? 's' : ''} added: ${added.join(', ')}`);
  if (removed.length > 0) changes.push(`step${removed.length > 1 ? 's' : ''} removed: ${removed.join(', ')}`);
  if (changed.length > 0) changes.push(`step${changed.length > 1 ? 's' : ''} changed: ${changed.map((def) => def.id).join(', ')}`);
  const kept = ranIds.filter((id) => plannedIds.includes(id));
  if (added.length + removed.length === 0 && kept.join('\n') !== plannedIds.filter((id) => ranIds.includes(id)).join('\n')) changes.push('steps reordered');
  if (run.wave) {
    const stacksAdded = current.stackIds.filter((id) => !run.wave!.stackIds.includes(id));
    const stacksRemoved = run.wave.stackIds.filter((id) => !current.stackIds.includes(id));
    if (stacksAdded.length > 0) changes.push(`stack${stacksAdded.length > 1 ? 's' : ''} added to the wave: ${stacksAdded.join(', ')}`);
    if (stacksRemoved.length > 0) changes.push(`stack${stacksRemoved.length > 1 ? 's' : ''} removed from the wave: ${stacksRemoved.join(', ')}`);
  }
  if (current.cutover.downtimeBudgetMinutes !== run.downtimeBudgetMinutes) {
    changes.push(`downtime budget ${current.cutover.downtimeBudgetMinutes} min (this run: ${run.downtimeBudgetMinutes} min)`);
  }
  const window = current.cutoverWindow ?? null;
  if ((window?.start ?? null) !== (run.window?.start ?? null) || (window?.end ?? null) !== (run.window?.end ?? null)) {
    changes.push(
      `cutover window ${window ? `${window.start} – ${window.end}` : 'removed'} (this run: ${run.window ? `${run.window.start} – ${run.window.end}` : 'none'})`,
    );
  }
  return changes;
}
