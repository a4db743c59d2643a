// Which wave the war room shows: the one the screen was opened on (`?wave=`), else the cutover that runs (or holds its
// wave: paused, failed, rolling back), else the run that ended in the last hours (the room reads how it went), else
// the wave whose cutover window comes next, else the first wave with a runbook that is not done.
import type { CutoverRunView, WavePhase, WaveView } from '../../../../main/api/contract';

export type WaveChoiceReason = 'asked' | 'active' | 'just-ended' | 'open-window' | 'next-window' | 'first';

export interface WaveChoice {
  readonly waveId: string;
  readonly reason: WaveChoiceReason;
}

/** How long an ended run stays on the wall before the next window takes its place. */
export const JUST_ENDED_MS = 6 * 3600 * 1000;

/** Phases where nothing is left to cut over. */
const DONE: ReadonlySet<WavePhase> = new Set(['cut-over', 'finalized']);

/** Running before paused or failed: where something moves now is what the room watches. */
function activeRank(run: CutoverRunView): number | null {
  if (run.rollback?.status === 'running') return 0;
  if (run.status === 'running' || run.status === 'pausing') return 0;
  if (run.status === 'paused' || run.status === 'failed') return 1;
  return null;
}

const time = (iso: string | null | undefined): number => {
  const value = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(value) ? value : -Infinity;
};

export function chooseWave(
  waves: readonly WaveView[],
  runs: Readonly<Record<string, CutoverRunView>>,
  phases: Readonly<Record<string, WavePhase | undefined>>,
  now: number,
  asked: string | null = null,
): WaveChoice | null {
  if (asked !== null && waves.some((wave) => wave.id === asked)) return { waveId: asked, reason: 'asked' };
  const withRun = waves.flatMap((wave) => (runs[wave.id] ? [{ wave, run: runs[wave.id]! }] : []));

  const active = withRun
    .flatMap((item) => {
      const rank = activeRank(item.run);
      return rank === null ? [] : [{ ...item, rank }];
    })
    .sort((a, b) => a.rank - b.rank || time(b.run.startedAt) - time(a.run.startedAt));
  if (active[0]) return { waveId: active[0].wave.id, reason: 'active' };

  const ended = withRun
    .map((item) => ({ ...item, end: Math.max(time(item.run.finishedAt), time(item.run.rollback?.finishedAt)) }))
    .filter((item) => item.run.runId !== null && now - item.end <= JUST_ENDED_MS)
    .sort((a, b) => b.end - a.end);
  if (ended[0]) return { waveId: ended[0].wave.id, reason: 'just-ended' };

  const windowOf = (item: { wave: WaveView; run: CutoverRunView }) => ({
    start: time(item.run.clock.windowStart ?? item.wave.cutoverWindow?.start),
    end: time(item.run.clock.windowEnd ?? item.wave.cutoverWindow?.end),
  });
  const upcoming = withRun
    .map((item) => ({ ...item, window: windowOf(item) }))
    .filter((item) => item.window.end > now && !DONE.has(phases[item.wave.id] ?? 'not-deployed'))
    .sort((a, b) => a.window.start - b.window.start);
  if (upcoming[0]) return { waveId: upcoming[0].wave.id, reason: upcoming[0].window.start <= now ? 'open-window' : 'next-window' };

  const notDone = withRun.find((item) => !DONE.has(phases[item.wave.id] ?? 'not-deployed'));
  const first = notDone?.wave ?? withRun[0]?.wave ?? waves[0];
  return first ? { waveId: first.id, reason: 'first' } : null;
}

/** Why the wall shows this wave, in words for the room. */
export const CHOICE_WORDS: Readonly<Record<WaveChoiceReason, string>> = {
  asked: 'the wave this screen was opened on',
  active: 'the cutover in progress',
  'just-ended': 'the cutover that ended last',
  'open-window': 'no cutover runs yet: its cutover window is open',
  'next-window': 'no cutover runs: the next cutover window',
  first: 'no cutover runs and no window is ahead',
};
