// Watches a plan file for edits and calls back once per burst of changes (editors write a file in several steps).
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface PlanWatcher {
  /** Watches `file` from now on (replacing the file watched before). */
  watch(file: string): void;
  close(): void;
}

export function createPlanWatcher(onChanged: (file: string) => void, settleMs = 200): PlanWatcher {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    watch(file) {
      watcher?.close();
      clearTimeout(timer);
      // Watch the folder, not the file: editors and git replace files by rename, which ends a file watch.
      try {
        watcher = watch(path.dirname(file), (_event, name) => {
          if (name !== path.basename(file)) return;
          clearTimeout(timer);
          timer = setTimeout(() => onChanged(file), settleMs);
        });
        watcher.on('error', () => watcher?.close());
      } catch {
        watcher = undefined;
      }
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
