// How the semantic checks report a finding at a place in the plan file.
import type { StackEntry } from './schema';
import type { DocPath, IssuePlace } from './source';

export type Report = (path: DocPath, message: string, at?: IssuePlace) => void;
/** Where a check reports its errors and its warnings. */
export interface LocatedReport {
  readonly error: Report;
  /** `ignore` when the check's premise is unsure (a wave names a stack the schema rejected). */
  readonly warning: Report;
}

/** A report that says nothing (a check whose premise is unsure). */
export const ignore: Report = () => undefined;

/** Ids for a message: "a, b, c", or "(none)". */
export const list = (ids: Iterable<string>) => [...ids].join(', ') || '(none)';

export const stackId = (stack: Pick<StackEntry, 'project' | 'name'>) => `${stack.project}/${stack.name}`;
