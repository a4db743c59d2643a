// Plans for monitor tests and benchmarks: `tasks` DMS tasks named task-0001..., `perStack` per stack, all stacks in
// one wave with the given gates, targeting the given endpoint.
import { parsePlan } from '../../../../plan/load';
import type { MigrationPlan } from '../../../../plan/model';
import { composeGrammar } from '../../../../seam/plan-grammar';
import { dmsTrack } from '../../track';

/** The plans hold the DMS track's keys and the core's only. */
const GRAMMAR = composeGrammar([dmsTrack]);

export interface TestPlanOptions {
  readonly tasks: number;
  readonly perStack?: number;
  readonly gates?: { maxCdcLatencySeconds: number; holdSeconds: number; requireValidation?: boolean; maxTableErrors?: number } | null;
  readonly endpoint?: string;
  /** Task references by stack output (`replicationTaskArn`) instead of by identifier. */
  readonly byStackOutput?: boolean;
  readonly taskId?: (index: number) => string;
}

export const testTaskId = (index: number) => `task-${String(index + 1).padStart(4, '0')}`;

export function testPlan(options: TestPlanOptions): MigrationPlan {
  const perStack = options.perStack ?? 1;
  const taskId = options.taskId ?? testTaskId;
  const stacks: string[] = [];
  for (let s = 0; s * perStack < options.tasks; s++) {
    const refs: string[] = [];
    for (let i = s * perStack; i < Math.min(options.tasks, (s + 1) * perStack); i++) {
      refs.push(
        options.byStackOutput
          ? `{ fromStackOutput: ${i === s * perStack ? 'replicationTaskArn' : `replicationTaskArn${i - s * perStack}`} }`
          : `{ taskId: ${taskId(i)} }`,
      );
    }
    stacks.push(`  - { name: app${String(s + 1).padStart(4, '0')}, project: apps, replicationTasks: [${refs.join(', ')}] }`);
  }
  const gates =
    options.gates === null ? '' : `, gates: ${JSON.stringify(options.gates ?? { maxCdcLatencySeconds: 30, holdSeconds: 120, requireValidation: false })}`;
  const text = [
    'version: 1',
    'name: monitor test',
    'environment:',
    `  aws: { region: eu-central-1${options.endpoint ? `, endpoint: ${JSON.stringify(options.endpoint)}` : ''} }`,
    'projects:',
    '  - { name: apps, program: app-instance }',
    'stacks:',
    ...stacks,
    'waves:',
    `  - { id: wave-1, name: Wave 1, stacks: [${stacks.map((_, s) => `app${String(s + 1).padStart(4, '0')}`).join(', ')}]${gates} }`,
    '',
  ].join('\n');
  const parsed = parsePlan('/tmp/monitor-test/migration.yaml', text, { grammar: GRAMMAR });
  if (!parsed.ok) throw new Error(`test plan invalid: ${parsed.issues.map((i) => `${i.line}: ${i.message}`).join('; ')}`);
  return parsed.plan;
}
