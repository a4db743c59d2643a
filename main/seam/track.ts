// A track: one migration concern (DMS replication today) plugged into the core through its parts. The composition
// roots (host/compose.ts, electron/main.ts) hand the core the list (main/tracks/index.ts); main/core and main/cutover
// never import a track. Only the parts that have moved behind the seam so far are here; the others follow
// (docs/design/track-seam.md §2.2, §4).
import type { EvidencePart } from './evidence-part';
import type { PlanPart } from './plan-part';
import type { ReadinessPart } from './readiness-part';
import type { RunbookPart } from './runbook-part';

/** `R`: the runtime the track's runbook actions, compensations and evidence snapshot act through. */
export interface CoreTrack<Id extends string = string, R = unknown> {
  /** The track's prefix for what it adds (`dms`). */
  readonly id: Id;
  /** Its name for the operator ('Replication'). */
  readonly title: string;
  /** Its keys, runbook actions and checks in the plan file, and its fields of the plan view. */
  readonly plan?: PlanPart;
  /** Its readiness gates; a track without any leaves the gate matrix as it is. */
  readonly readiness?: ReadinessPart;
  /** Its runbook actions and their compensations. */
  readonly runbook?: RunbookPart<R>;
  /** Its snapshot, sections and stack columns in the evidence pack. */
  readonly evidence?: EvidencePart<R>;
}
