// The readiness gates of the loaded plan, as columns: the core's gates, with each track's gates inserted before
// `dependencies` (the wave's own gate, last). A DMS plan reads infrastructure / registration / data / dependencies.
// The service judges and the matrix shows every stack's gates in this order (PlanView.gateColumns).
// Until tracks declare when a plan uses them (their plan part, docs/design/track-seam.md §4 step 10), a track's
// gates are columns of every plan, as DMS's data gate always was: a stack without tasks reads "no replication tasks".
import { CORE_GATES, GATE_ID_PATTERN, LAST_CORE_GATE, type CoreGate } from '../../common/gates';
import type { GateColumnView } from '../api/contract';
import type { GateDecl, ReadinessPart } from '../seam/readiness-part';
import type { CoreTrack } from '../seam/track';

const CORE_GATE_DECLS: Readonly<Record<CoreGate, GateDecl>> = {
  infrastructure: {
    id: 'infrastructure',
    label: 'Infrastructure',
    help: "The stack's last deploy (up) succeeded, no operation is running on it, and the last refresh found no drift.",
  },
  registration: { id: 'registration', label: 'Registration', help: 'Registered with every registry the plan names for the stack.' },
  dependencies: {
    id: 'dependencies',
    label: 'Dependencies',
    help: 'Every wave this one depends on is cut over (a wave without a runbook: all its stacks deployed).',
  },
};

/** A track's readiness part and where its gates sit. */
export interface TrackGates {
  readonly track: string;
  readonly part: ReadinessPart;
  /** The column of its first gate; the others follow in declared order. */
  readonly first: number;
}

export interface GateLayout {
  readonly columns: readonly GateColumnView[];
  /** The column of each core gate. */
  readonly core: Readonly<Record<CoreGate, number>>;
  /** The tracks with gates, in registration order. */
  readonly tracks: readonly TrackGates[];
}

/** Lays out the columns for the given tracks; throws on a malformed or repeated gate id (a track's bug, found at start). */
export function gateLayout(tracks: readonly CoreTrack[]): GateLayout {
  const columns: GateColumnView[] = [];
  const core = {} as Record<CoreGate, number>;
  const seated: TrackGates[] = [];
  const add = (decl: GateDecl, track: string | null) => {
    if (!GATE_ID_PATTERN.test(decl.id)) throw new Error(`gate '${decl.id}'${track ? ` of track '${track}'` : ''} is not a gate id (${GATE_ID_PATTERN})`);
    const owner = columns.find((column) => column.id === decl.id);
    if (owner) throw new Error(`gate '${decl.id}' is declared twice (${owner.track ?? 'core'} and ${track ?? 'core'})`);
    columns.push({ id: decl.id, label: decl.label, help: decl.help, track });
  };
  for (const gate of CORE_GATES) {
    if (gate === LAST_CORE_GATE) {
      for (const track of tracks) {
        if (!track.readiness || track.readiness.gates.length === 0) continue;
        seated.push({ track: track.id, part: track.readiness, first: columns.length });
        for (const decl of track.readiness.gates) add(decl, track.id);
      }
    }
    core[gate] = columns.length;
    add(CORE_GATE_DECLS[gate], null);
  }
  return { columns, core, tracks: seated };
}
