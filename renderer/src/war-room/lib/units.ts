// Spans in words with their units, for the wall: whole seconds rounded down, the way the runbook's downtime budget
// counts them (lib/cutover/clocks.ts downtime), so the war room and the cutover view never differ by a second.

/** 45_000 -> "45 s", 276_000 -> "4 min 36 s", 4_320_000 -> "1 h 12 min", 14_400_000 -> "4 h", 90_000_000 -> "1 d 1 h". */
export function formatUnits(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const total = Math.floor(Math.abs(ms) / 1000);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return total % 60 === 0 ? `${minutes} min` : `${minutes} min ${total % 60} s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ');
}
