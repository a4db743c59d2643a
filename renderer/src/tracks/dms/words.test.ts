import { describe, expect, it } from 'vitest';
import { journalKindText, journalTargetText } from '../../lib/journal-text';
import { layoutPlan, NO_FILTERS } from '../../store/filters';
import { demoLike } from '../../store/test-fixtures';
import { DMS_JOURNAL_KINDS, replicationTaskTarget, stackReplicationFact, taskSearchTerms } from './words';

const names = {
  waveName: (id: string) => (id === 'wave-1' ? 'Pilot: internal tools' : undefined),
  trackTarget: replicationTaskTarget,
  trackKind: (kind: string) => DMS_JOURNAL_KINDS[kind as keyof typeof DMS_JOURNAL_KINDS],
};

describe('journalTargetText with the DMS track', () => {
  it('names tasks as DMS does', () => {
    expect(
      journalTargetText(
        { type: 'replication-task', stackId: 'platform-production/app1101', taskKey: 'platform-production/app1101#0', taskId: 'app1101-mysql' },
        names,
      ),
    ).toBe('app1101-mysql (platform-production/app1101)');
  });

  it('never shows the internal task key, even without a DMS identifier', () => {
    const text = journalTargetText(
      { type: 'replication-task', stackId: 'platform-production/app1101', taskKey: 'platform-production/app1101#1', taskId: null },
      names,
    );
    expect(text).toBe('app1101 task 2 (platform-production/app1101)');
    expect(text).not.toContain('#');
  });

  it('names task controls in words', () => {
    expect(journalKindText('dms-reload-tables-validate', names)).toBe('Revalidate tables');
    expect(journalKindText('up', names)).toBe('Deploy');
  });
});

describe("a stack's replication on the Plan tab", () => {
  const plan = demoLike().plan;

  it('says how many tasks a stack has on its card', () => {
    const [network] = plan.stacks;
    expect(stackReplicationFact(network!)).toBe('1 replication task');
    expect(stackReplicationFact({ ...network!, replicationTasks: [] })).toBe('no replication');
    expect(stackReplicationFact({ ...network!, replicationTasks: [...network!.replicationTasks, { kind: 'stack-output', output: 'taskArn' }] })).toBe(
      '2 replication tasks',
    );
  });

  it("lets the search match a stack's task identifiers", () => {
    const ids = (query: string) => layoutPlan(plan, { ...NO_FILTERS, query }, taskSearchTerms).groups.map((g) => [g.key, g.stacks.map((s) => s.name)]);
    expect(ids('app2-cdc')).toEqual([['w1', ['app2']]]);
    expect(layoutPlan(plan, { ...NO_FILTERS, query: 'app2-cdc' }).shown).toBe(0);
  });
});
