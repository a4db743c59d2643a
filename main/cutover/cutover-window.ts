// Whether a moment is inside a wave's cutover window: a start outside it needs an override (runbook.ts).
// The window is the change board's, so it is judged on the wall clock, not a rehearsal's simulated one.

/**
 * Why `at` is outside the wave's cutover window, in words with UTC times ("opens 2026-12-05 01:00 UTC, in 2 d 3 h"),
 * or undefined when it is inside or the wave has no window. The window is the change board's, on the wall clock.
 */
export function outsideWindow(window: { start: string; end: string } | undefined, at: Date): string | undefined {
  if (!window) return undefined;
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const now = at.getTime();
  const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (now < start) return `it opens ${utc(start)}, in ${span(start - now)} (now ${utc(now)})`;
  if (now > end) return `it closed ${utc(end)}, ${span(now - end)} ago (now ${utc(now)})`;
  return undefined;
}

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest && !days ? `${rest} min` : ''].filter(Boolean).join(' ') || '1 min';
}
