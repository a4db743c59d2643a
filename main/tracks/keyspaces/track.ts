// The Keyspaces track: a stack's Cassandra data moving to Amazon Keyspaces — the bulk load (a Glue job), the dual
// writes through the proxy, and the validation the cockpit runs itself over CQL — with three gates. Its runbook
// actions (the proxy's phase switches, the point of no return) are next (docs/design/keyspaces.md); its evidence part
// records the stacks at each moment of a run, the bulk loads started and the validations with their findings.
import type { CoreTrack } from '../../seam/track';
import { keyspacesEvidence } from './evidence';
import { keyspacesPlan } from './plan';
import { keyspacesReadiness } from './readiness';
import { startKeyspacesRuntime, type KeyspacesRuntime, type KeyspacesTuning } from './runtime';

export const keyspacesTrack: CoreTrack<'keyspaces', KeyspacesRuntime> = {
  id: 'keyspaces',
  title: 'Keyspaces',
  plan: keyspacesPlan,
  readiness: keyspacesReadiness,
  evidence: keyspacesEvidence,
  start: (context) => startKeyspacesRuntime(context),
};

/** The track with its runtime tuned (tests: a fast pace, a manual clock, stand-in proxies). */
export function tunedKeyspacesTrack(tuning: KeyspacesTuning): CoreTrack<'keyspaces', KeyspacesRuntime> {
  return { ...keyspacesTrack, start: (context) => startKeyspacesRuntime(context, tuning) };
}
