// How the DMS track reads in the core's views: a stack card's fact, what the stack search matches, the words of its
// runbook step types and journal kinds, and its journal target. Pure, so it is tested without a DOM.
import type { JournalEntryView, StackView } from '../../../../main/api/contract';
import { plural } from '../../lib/format';
import { taskName } from './lib/replication';

/** "no replication", "2 replication tasks". */
export function stackReplicationFact(stack: StackView): string {
  const count = stack.replicationTasks.length;
  return count === 0 ? 'no replication' : plural(count, 'replication task');
}

/** The stack's task references as the plan writes them: DMS identifiers, or the stack outputs that give them. */
export function taskSearchTerms(stack: StackView): readonly string[] {
  return stack.replicationTasks.map((task) => (task.kind === 'task-id' ? task.taskId : task.output));
}

export const DMS_STEP_LABELS: Readonly<Record<'freeze-check' | 'stop-replication', string>> = {
  'freeze-check': 'Automated: freeze check',
  'stop-replication': 'Automated: stop replication',
};

type DmsJournalKind = Extract<JournalEntryView['kind'], `dms-${string}`>;

// Every dms-* kind the journal knows has words (a Record over the contract's kinds: a new one without a label does not
// compile), so no internal key such as `dms-reload-tables-validate` reaches the screen.
export const DMS_JOURNAL_KINDS: Readonly<Record<DmsJournalKind, string>> = {
  'dms-start': 'Start task',
  'dms-resume': 'Resume task',
  'dms-reload-target': 'Reload target',
  'dms-stop': 'Stop task',
  'dms-reload-tables-data': 'Reload tables',
  'dms-reload-tables-validate': 'Revalidate tables',
  'dms-test-connection': 'Test connection',
};

/** "app1101-mysql-full-load-cdc (platform-production/app1101)": the task's DMS identifier, never its internal key. */
export function replicationTaskTarget(target: JournalEntryView['target']): string | null {
  if (target.type !== 'replication-task') return null;
  return `${taskName({ key: target.taskKey, stackId: target.stackId, taskId: target.taskId })} (${target.stackId})`;
}
