// Every benchmark owns one section of docs/BENCHMARKS.md between its markers and rewrites only that section;
// a section not there yet is appended. Also the clean-up on Ctrl-C that every benchmark wants.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { removeTempDirs } from './common';

export const BENCHMARKS_INTRO = '# Benchmarks\n';

export async function writeDocSection(file: string, markers: { start: string; end: string }, section: string, intro = BENCHMARKS_INTRO): Promise<void> {
  const existing = existsSync(file) ? await readFile(file, 'utf8') : intro;
  const start = existing.indexOf(markers.start);
  const end = existing.indexOf(markers.end);
  const next =
    start >= 0 && end > start ? `${existing.slice(0, start)}${section}${existing.slice(end + markers.end.length)}` : `${existing.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}

/** Deletes the benchmark's temporary folders when it is interrupted. */
export function removeTempDirsOnInterrupt(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void removeTempDirs().finally(() => process.exit(130));
    });
  }
}
