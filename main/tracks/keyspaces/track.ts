// The Keyspaces track: a stack's Cassandra data moving to Amazon Keyspaces — the bulk load (a Glue job), the dual
// writes through the proxy, and the validation the cockpit runs itself over CQL — with three gates, runbook actions
// for the proxy's phases and a validation (the primary back on the origin in a rollback), and an evidence part (the
// stacks at each moment of a run, the bulk loads started, the validations with their findings). The proxy's removal,
// the point of no return, is next (docs/design/keyspaces.md).
import type { CoreTrack } from '../../seam/track';
import { KEYSPACES_ACTIONS, KEYSPACES_COMPENSATIONS, keyspacesLossEstimate } from './actions';
import { keyspacesEvidence } from './evidence';
import { keyspacesPlan } from './plan';
import { keyspacesReadiness } from './readiness';
import { startKeyspacesRuntime, type KeyspacesRuntime, type KeyspacesTuning } from './runtime';

export const keyspacesTrack: CoreTrack<'keyspaces', KeyspacesRuntime> = {
  id: 'keyspaces',
  title: 'Keyspaces',
  plan: keyspacesPlan,
  readiness: keyspacesReadiness,
  runbook: { actions: KEYSPACES_ACTIONS, compensations: KEYSPACES_COMPENSATIONS, lossEstimate: keyspacesLossEstimate },
  evidence: keyspacesEvidence,
  start: (context) => startKeyspacesRuntime(context),
};

/** The track with its runtime tuned (tests: a fast pace, a manual clock, stand-in proxies). */
export function tunedKeyspacesTrack(tuning: KeyspacesTuning): CoreTrack<'keyspaces', KeyspacesRuntime> {
  return { ...keyspacesTrack, start: (context) => startKeyspacesRuntime(context, tuning) };
}
