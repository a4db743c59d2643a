// Spans, a run's start against its window, and an override's circumstances.
import type { CutoverRunView } from '../../../../main/api/contract';
import { formatUtcSeconds } from '../format';
import { parse } from './clocks';

/** 45_000 -> "45 s", 5_400_000 -> "1 h 30 min", 157_980_000 -> "1 d 19 h 53 min" (minutes rounded past a minute). */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/**
 * Where the run started against its cutover window, in words with the project's UTC format: "1 d 19 h 33 min before
 * its cutover window opened at 05 Dec 2026, 01:00:00 UTC", "12 min after its cutover window opened at …" (inside),
 * "2 h after its cutover window closed at …"; null before the run starts or without a window.
 */
export function windowOffset(run: Pick<CutoverRunView, 'startedAt' | 'clock'>): { readonly inside: boolean; readonly text: string } | null {
  const started = parse(run.startedAt);
  const open = parse(run.clock.windowStart);
  const close = parse(run.clock.windowEnd);
  if (started === null || open === null) return null;
  if (started < open)
    return { inside: false, text: `${formatSpan(open - started)} before its cutover window opened at ${formatUtcSeconds(run.clock.windowStart!)}` };
  if (close !== null && started > close)
    return { inside: false, text: `${formatSpan(started - close)} after its cutover window closed at ${formatUtcSeconds(run.clock.windowEnd!)}` };
  return { inside: true, text: `${formatSpan(started - open)} after its cutover window opened at ${formatUtcSeconds(run.clock.windowStart!)}` };
}

/** Why a start needed its override, in words: the readiness at the start and the window (the override note's middle). */
export function overrideCircumstances(run: CutoverRunView): string[] {
  const override = run.override;
  if (!override) return [];
  const notReady = run.readinessAtStart !== null && !run.readinessAtStart.ready ? ['while the wave was not ready'] : [];
  if (override.outsideWindow === null) return notReady;
  const offset = windowOffset({ startedAt: override.at, clock: run.clock });
  // The core's own words only when the run's view has no window to say it with.
  return [...notReady, offset && !offset.inside ? offset.text : `outside its cutover window: ${override.outsideWindow}`];
}
