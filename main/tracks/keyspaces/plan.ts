// The Keyspaces track's plan part: its keys (plan-schema.ts), its located checks (plan-checks.ts), and what the core
// asks of a loaded plan about it.
import type { PlanAction } from '../../plan/grammar';
import type { LocatedReport } from '../../plan/located-report';
import type { StackEntry, WaveEntry } from '../../plan/schema';
import type { DocPath } from '../../plan/source';
import type { PlanPart } from '../../seam/plan-part';
import { checkKeyspacesPlan } from './plan-checks';
import {
  KEYSPACES_STACK_SHAPE,
  KEYSPACES_WAVE_SHAPE,
  keyspacesOf,
  keyspacesOfWave,
  MirrorReadsAction,
  PrimaryTargetAction,
  RemoveProxyAction,
  targetKeyspaceOf,
  ValidateAction,
  type MirrorReads,
  type PrimaryTarget,
  type RemoveProxy,
  type ValidateStep,
  type KeyspacesStackFields,
  type KeyspacesTableSpec,
  type KeyspacesWaveFields,
} from './plan-schema';

/**
 * The stack config `keyspaces:settings` (JSON) the program part reads (pulumi-programs/tracks/keyspaces): the
 * keyspaces, the tables' schemas, the origin's contact points for the bulk load and the proxy, the job's name when the
 * plan gives one. Its shape is the program's contract: change both together.
 */
export interface KeyspacesProgramSettings {
  readonly originKeyspace: string;
  readonly targetKeyspace: string;
  readonly origin: { readonly contactPoints: readonly string[]; readonly localDataCenter: string };
  readonly tables: readonly KeyspacesTableSpec[];
  readonly glueJob?: string;
}

/** A Keyspaces step in a wave none of whose stacks moves Cassandra data has nothing to act on: said, not refused. */
function checkMovesData(action: { readonly type: string }, at: DocPath, wave: WaveEntry, stacks: readonly StackEntry[], report: LocatedReport): void {
  if (stacks.length > 0 && stacks.every((stack) => keyspacesOf(stack).keyspaces === undefined))
    report.warning([...at, 'type'], `${action.type} has nothing to act on: no stack of wave '${wave.id}' has 'keyspaces'`);
}

/** The dual-write proxy mirrors reads to Keyspaces: a check of the target under load, the origin still primary. */
export const MIRROR_READS: PlanAction<MirrorReads> = { type: 'keyspaces-mirror-reads', schema: MirrorReadsAction, role: 'check', check: checkMovesData };
/** Keyspaces becomes the primary: the reads move (the writes still reach both sides, so the origin stays current). */
export const PRIMARY_TARGET: PlanAction<PrimaryTarget> = {
  type: 'keyspaces-primary-target',
  schema: PrimaryTargetAction,
  role: 'drain',
  check: checkMovesData,
};
/**
 * The dual-write proxy removed: clients reach Keyspaces directly, the origin gets no more writes. It comes after a
 * step that makes Keyspaces the primary (removing the proxy of an origin-primary setup would drop the reads' side).
 */
export const REMOVE_PROXY: PlanAction<RemoveProxy> = {
  type: 'keyspaces-remove-proxy',
  schema: RemoveProxyAction,
  role: 'move-traffic',
  pointOfNoReturn: true,
  check(action, at, wave, stacks, report) {
    checkMovesData(action, at, wave, stacks, report);
    const index = at.at(-2);
    const before = typeof index === 'number' ? (wave.cutover?.runbook.slice(0, index) ?? []) : [];
    if (!before.some((step) => step.action?.type === PRIMARY_TARGET.type))
      report.error(
        [...at, 'type'],
        `keyspaces-remove-proxy needs an earlier step of type ${PRIMARY_TARGET.type}: Keyspaces must be the primary before the proxy goes`,
      );
  },
};
/** Every moving stack of the wave validated, whole tables. */
export const VALIDATE: PlanAction<ValidateStep> = { type: 'keyspaces-validate', schema: ValidateAction, role: 'check', check: checkMovesData };

export const keyspacesPlan: PlanPart<KeyspacesStackFields, KeyspacesWaveFields> = {
  stackShape: KEYSPACES_STACK_SHAPE,
  waveShape: KEYSPACES_WAVE_SHAPE,
  actions: [MIRROR_READS, PRIMARY_TARGET, VALIDATE, REMOVE_PROXY],
  check: checkKeyspacesPlan,
  of: keyspacesOf,
  ofWave: keyspacesOfWave,
  // The job name and the proxy's metrics URL may be stack outputs.
  readsOutputs: (stack) => keyspacesOf(stack).keyspaces !== undefined,
  uses: (plan) => [...plan.stacks.values()].some((stack) => keyspacesOf(stack).keyspaces !== undefined),
  // What the stack's program makes on Keyspaces and where its bulk load and proxy reach the origin: never credentials
  // (the program's own secrets are stack config, `{ secretEnv }`). The proxy's phase keys (keyspaces:primaryCluster,
  // keyspaces:readMode) are the runbook's, applied as a cutover overlay.
  // The CQL passwords of both sides (user names are not secret).
  secretVariables: (stack) => {
    const keyspaces = keyspacesOf(stack).keyspaces;
    return [keyspaces?.origin.credentials?.passwordEnv, keyspaces?.target.credentials?.passwordEnv].filter((name): name is string => name !== undefined);
  },
  stackConfig: (stack): Record<string, string> => {
    const keyspaces = keyspacesOf(stack).keyspaces;
    if (!keyspaces) return {};
    const settings: KeyspacesProgramSettings = {
      originKeyspace: keyspaces.origin.keyspace,
      targetKeyspace: targetKeyspaceOf(keyspaces),
      origin: { contactPoints: keyspaces.origin.contactPoints, localDataCenter: keyspaces.origin.localDataCenter },
      tables: keyspaces.tables,
      ...('glueJob' in keyspaces.bulkLoad ? { glueJob: keyspaces.bulkLoad.glueJob } : {}),
    };
    return { 'keyspaces:settings': JSON.stringify(settings) };
  },
};
