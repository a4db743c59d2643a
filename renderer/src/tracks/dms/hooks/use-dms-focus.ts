// Keeps the core polling these tasks' table statistics while the calling view shows them (dms.focus), and
// releases them when the view closes or shows other tasks.
import { useEffect } from 'react';
import { useDmsActions } from '../slice';

export function useDmsFocus(taskKeys: readonly string[]): void {
  const { holdFocus } = useDmsActions();
  // One string as the dependency: a new array with the same keys must not release and hold again.
  const joined = taskKeys.join('\n');
  useEffect(() => (joined === '' ? undefined : holdFocus(joined.split('\n'))), [joined, holdFocus]);
}
