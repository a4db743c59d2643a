// A plan file's path split for the header, so it can give way in the middle: the directory (which shrinks, keeping
// its start) and the separator with the file's name (kept whole as long as it fits). Pure.

export interface PlanPath {
  /** Everything before the last separator ("" for a bare file name). */
  readonly dir: string;
  /** The last separator and the file's name ("/migration.yaml"), or the whole text when there is no separator. */
  readonly base: string;
}

export function splitPlanPath(file: string): PlanPath {
  const trimmed = file.replace(/[\\/]+$/, '');
  const at = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (at < 0) return { dir: '', base: trimmed };
  return { dir: trimmed.slice(0, at), base: trimmed.slice(at) };
}
