// The runbook's catalog: the core's action and compensation declarations (core-actions.ts) with every track's, by
// type, each with the track it belongs to (null: the core), so the engine, the ledger, the rollback and the evidence
// pack dispatch through declarations and never name an action. Built once from the tracks the core was given.
import type { MigrationPlan } from '../plan/model';
import { COMPENSATION_PHASES, STANDING_ORDER } from '../../common/runbook';
import type { EvidencePart } from '../seam/evidence-part';
import type { AnyActionDecl, CompensationDecl, RunbookPart } from '../seam/runbook-part';
import type { CoreTrack } from '../seam/track';
import { CORE_RUNBOOK } from './core-actions';

/** A declaration and whose it is: null for the core, else the track's id (which runtime it acts through). */
export interface Owned<T> {
  readonly decl: T;
  readonly trackId: string | null;
}

/** A part only a track has. */
export interface TrackOwned<T> {
  readonly decl: T;
  readonly trackId: string;
}

export interface RunbookCatalog {
  readonly actions: ReadonlyMap<string, Owned<AnyActionDecl>>;
  readonly compensations: ReadonlyMap<string, Owned<CompensationDecl>>;
  /** Loss estimates, in track registration order. */
  readonly lossEstimates: readonly TrackOwned<NonNullable<RunbookPart['lossEstimate']>>[];
  /** Evidence parts, in track registration order, each with whether its track takes part in a plan. */
  readonly evidence: readonly (TrackOwned<EvidencePart> & { uses(plan: MigrationPlan): boolean })[];
  /** The systems a rollback acts on, with their titles, in the order its summary reports them (STANDING_ORDER). */
  readonly systems: readonly { readonly system: string; readonly title: string }[];
}

/** Each compensation phase's rank: a rollback runs the lower first. */
export const PHASE_RANK: ReadonlyMap<string, number> = new Map(COMPENSATION_PHASES.map((phase, index) => [phase, index]));

/** The catalog of the core and `tracks`; refuses an action type or compensation declared twice. */
export function runbookCatalog(tracks: readonly CoreTrack[]): RunbookCatalog {
  const actions = new Map<string, Owned<AnyActionDecl>>();
  const compensations = new Map<string, Owned<CompensationDecl>>();
  const parts: [string | null, RunbookPart | undefined][] = [
    [null, CORE_RUNBOOK as RunbookPart],
    ...tracks.map((track): [string, RunbookPart | undefined] => [track.id, track.runbook]),
  ];
  const owner = (trackId: string | null) => (trackId === null ? 'the core' : `track '${trackId}'`);
  for (const [trackId, part] of parts) {
    for (const decl of part?.actions ?? []) {
      const taken = actions.get(decl.type);
      if (taken) throw new Error(`runbook action '${decl.type}' of ${owner(trackId)} is declared by ${owner(taken.trackId)} already`);
      actions.set(decl.type, { decl, trackId });
    }
    for (const decl of part?.compensations ?? []) {
      const taken = compensations.get(decl.action);
      if (taken) throw new Error(`compensation '${decl.action}' of ${owner(trackId)} is declared by ${owner(taken.trackId)} already`);
      compensations.set(decl.action, { decl, trackId });
    }
  }
  const systems = new Map<string, { system: string; title: string; rank: number; order: number }>();
  for (const { decl } of compensations.values()) {
    if (!systems.has(decl.system))
      systems.set(decl.system, { system: decl.system, title: decl.systemTitle, rank: STANDING_ORDER.indexOf(decl.phase), order: systems.size });
  }
  return {
    actions,
    compensations,
    lossEstimates: tracks.flatMap((track) =>
      track.runbook?.lossEstimate ? [{ decl: track.runbook.lossEstimate.bind(track.runbook), trackId: track.id }] : [],
    ),
    evidence: tracks.flatMap((track) =>
      track.evidence ? [{ decl: track.evidence, trackId: track.id, uses: (plan: MigrationPlan) => !track.plan || track.plan.uses(plan) }] : [],
    ),
    systems: [...systems.values()].sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ system, title }) => ({ system, title })),
  };
}

/** A runtime per owner: the core's (null) or a track's, which its declarations act through. */
export type RuntimeOf = (trackId: string | null) => unknown;
