import { describe, expect, it } from 'vitest';
import { CORE_ACTION_TYPES } from '../../common/runbook';
import { TRACK_ACTION_TYPES } from '../../common/tracks/index';
import { CutoverStepViewSchema } from '../api/contract';
import { composeGrammar } from '../seam/plan-grammar';
import type { CoreTrack } from '../seam/track';
import { CORE_TRACKS } from '../tracks/index';
import { runbookCatalog } from './catalog';
import { downtimeStartStep, type RunbookStepDef, type RunState } from './ledger';
import { planCompensations } from './rollback-across';
import { loadTestPlan } from './runbook-testing';

/** A track whose one action pauses scheduled jobs, undone in the jobs phase (between data and traffic). */
const jobsTrack: CoreTrack<'jobs'> = {
  id: 'jobs',
  title: 'Jobs',
  runbook: {
    actions: [
      {
        type: 'jobs-pause',
        role: 'quiesce',
        startsDowntime: true,
        describe: () => 'pause the jobs',
        run: async () => ({ ok: true, message: 'paused' }),
        compensations: (_action, step, wave) =>
          (wave?.stackIds ?? []).map((stackId) => ({
            id: `jobs-resume:${stackId}`,
            label: `jobs of ${stackId} resumed`,
            action: 'jobs-resume',
            system: 'jobs',
            stackId,
            forStepId: step.def.id,
          })),
      },
    ],
    compensations: [
      {
        action: 'jobs-resume',
        system: 'jobs',
        systemTitle: 'Jobs',
        phase: 'jobs',
        execute: async () => ({ status: 'succeeded', message: 'resumed' }),
        standing: (def) => `${def.stackId} jobs resumed`,
      },
    ],
  },
};

const ran = (id: string, action: { type: string } & Record<string, unknown>, details: Record<string, unknown> = {}) =>
  ({ def: { id, name: id, action, mustSucceed: true }, attempt: 1, details, status: 'succeeded', targets: [] }) as unknown as RunState['steps'][number];

describe('runbook catalog', () => {
  it('declares every action of the plan grammar once, with the role the grammar checks the order by', () => {
    const catalog = runbookCatalog(CORE_TRACKS);
    const grammar = composeGrammar(CORE_TRACKS).actions;
    expect([...catalog.actions.keys()].sort()).toEqual([...grammar.keys()].sort());
    for (const [type, action] of grammar) expect([type, catalog.actions.get(type)!.decl.role]).toEqual([type, action.role]);
    expect(catalog.actions.get('freeze-check')!.trackId).toBe('dms');
    expect(catalog.actions.get('pulumi-up')!.trackId).toBeNull();
  });

  it('refuses an action or a compensation declared twice', () => {
    const again: CoreTrack = {
      id: 'again',
      title: 'Again',
      runbook: { actions: [{ ...jobsTrack.runbook!.actions[0]!, type: 'pulumi-up' }], compensations: [] },
    };
    expect(() => runbookCatalog([...CORE_TRACKS, again])).toThrow("runbook action 'pulumi-up' of track 'again' is declared by the core already");
    expect(() => runbookCatalog([jobsTrack, { ...jobsTrack, id: 'twice', runbook: { actions: [], compensations: jobsTrack.runbook!.compensations } }])).toThrow(
      "compensation 'jobs-resume' of track 'twice' is declared by track 'jobs' already",
    );
  });

  it('reports where things stand traffic first, then data, jobs and registrations', () => {
    expect(runbookCatalog([...CORE_TRACKS, jobsTrack]).systems.map((system) => system.title)).toEqual([
      'Stacks',
      'Traffic',
      'Replication',
      'Keyspaces',
      'Scheduled jobs',
      'Jobs',
      'Registrations',
    ]);
  });

  it('orders a rollback by phase (data, jobs, traffic, registration), latest step first within each', () => {
    const plan = loadTestPlan();
    const run = {
      waveId: 'wave-1',
      steps: [
        ran('stop', { type: 'stop-replication', maxLatencySeconds: 1 }),
        ran('pause', { type: 'jobs-pause' }),
        ran('switch', { type: 'pulumi-up', config: { trafficTarget: 'aws' } }, { stacks: ['apps/app1', 'apps/app2'] }),
        ran('register', { type: 'register' }, { registered: ['apps/app1'] }),
      ],
    } as unknown as RunState;
    expect(planCompensations(run, plan, runbookCatalog([...CORE_TRACKS, jobsTrack])).map((def) => def.id)).toEqual([
      'stop-forward:apps/app2#0',
      'stop-forward:apps/app1#0',
      'start-reverse:apps/app1',
      'jobs-resume:apps/app1',
      'jobs-resume:apps/app2',
      'config-back:apps/app2',
      'config-back:apps/app1',
      'deregister:apps/app1',
    ]);
  });

  it("starts the downtime at the first step whose action's declaration says so, unless a step of the plan does", () => {
    const steps = [
      { id: 'announce', name: 'Announce', manual: 'tell them', mustSucceed: true },
      { id: 'pause', name: 'Pause', action: { type: 'jobs-pause' }, mustSucceed: true },
      { id: 'quiet', name: 'Quiet', action: { type: 'freeze-check', quietSeconds: 60, maxIncomingChanges: 0 }, mustSucceed: true },
    ] as unknown as RunbookStepDef[];
    expect(downtimeStartStep(steps, runbookCatalog(CORE_TRACKS))?.id).toBe('quiet');
    expect(downtimeStartStep(steps, runbookCatalog([jobsTrack, ...CORE_TRACKS]))?.id).toBe('pause');
    expect(downtimeStartStep([{ ...steps[0]!, startsDowntime: true }, ...steps.slice(1)], runbookCatalog(CORE_TRACKS))?.id).toBe('announce');
  });
});

describe('the action types a step view names', () => {
  it('are exactly the catalog’s: the core’s and every track’s (a new action lists its type in common/)', () => {
    const declared = [...runbookCatalog(CORE_TRACKS).actions.keys()].sort();
    expect(declared).toEqual([...CORE_ACTION_TYPES, ...TRACK_ACTION_TYPES].sort());
    expect(CutoverStepViewSchema.shape.type.options.filter((type) => type !== 'manual').sort()).toEqual(declared);
  });
});
