// Formatting helpers for times, durations and paths. Times are always shown in UTC: operators in different
// places read the same cutover window.

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const timeOnly = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** e.g. "Sat, 05 Dec 2026, 01:00 UTC"; the input unchanged if it is not a date. */
export function formatUtc(iso: string): string {
  const date = parse(iso);
  return date ? `${dateTime.format(date)} UTC` : iso;
}

/** e.g. "Sat, 05 Dec 2026, 01:00–05:00 UTC (4 h)"; both ends in full when they fall on different UTC days. */
export function formatWindow(start: string, end: string): string {
  const from = parse(start);
  const to = parse(end);
  if (!from || !to) return `${start} – ${end}`;
  const length = formatDuration((to.getTime() - from.getTime()) / 1000);
  const sameDay = from.toISOString().slice(0, 10) === to.toISOString().slice(0, 10);
  const range = sameDay ? `${dateTime.format(from)}–${timeOnly.format(to)} UTC` : `${dateTime.format(from)} UTC – ${dateTime.format(to)} UTC`;
  return `${range} (${length})`;
}

/** 300 -> "5 min", 5 -> "5 s", 5400 -> "1 h 30 min". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return `${totalSeconds} s`;
  if (totalSeconds < 60 || totalSeconds % 60 !== 0) {
    return totalSeconds < 120 ? `${totalSeconds} s` : `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
  }
  const minutes = totalSeconds / 60;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function basename(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const dayAndClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** e.g. "14:03:22" (UTC); the input unchanged if it is not a date. */
export function formatClock(iso: string): string {
  const date = parse(iso);
  return date ? clock.format(date) : iso;
}

/** e.g. "05 Dec 2026, 14:03:22 UTC"; the input unchanged if it is not a date. */
export function formatUtcSeconds(iso: string): string {
  const date = parse(iso);
  return date ? `${dayAndClock.format(date)} UTC` : iso;
}

/** 850 -> "850 ms", 12345 -> "12.3 s", 125000 -> "2 min 5 s", 3720000 -> "1 h 2 min". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** "a", "a and b", "a, b and c". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const localClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short' });

/** "05 Dec 2026, 02:00:00 UTC (03:00:00 CET local)": a runbook time on both clocks an operator reads. */
export function formatUtcAndLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = localClock.format(date);
  return local.endsWith('UTC') ? formatUtcSeconds(iso) : `${formatUtcSeconds(iso)} (${local} local)`;
}
