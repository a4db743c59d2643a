// A shift's abort: who aborted it and when, why (the measurement that decided it, or the operator's reason), where the
// weights went and each service's write, and whether they are in sync: NOT in sync is said in capitals and in the
// danger colour, with the core's message — users may still be on both sides.
import type { ShiftView } from '../../../../../main/tracks/traffic/contract';
import type { ClockRate } from '../../../lib/readiness';
import { abortLines } from '../words';

export function AbortBox({ shift, clock, stackName }: { shift: ShiftView; clock: ClockRate | null; stackName: (stackId: string) => string }) {
  const lines = abortLines(shift, clock, stackName);
  if (!lines) return null;
  return (
    <section className="trf-abort" aria-label="The abort" data-testid="traffic-abort" data-in-sync={String(lines.inSync)}>
      <h5 className="trf-abort-title">{lines.headline}</h5>
      <p className="trf-abort-why" data-testid="traffic-abort-why">
        <span className="trf-label">Why</span> {lines.why}
      </p>
      <p className="trf-abort-target">{lines.target}</p>
      <ul className="trf-abort-writes" aria-label="The abort's writes">
        {lines.writes.map((write) => (
          <li key={write} className={write.startsWith('NOT') ? 'count-bad' : undefined}>
            {write}
          </li>
        ))}
      </ul>
      <p className={lines.inSync ? 'trf-abort-sync' : 'trf-abort-sync count-bad'} data-testid="traffic-abort-sync">
        {lines.sync}
      </p>
    </section>
  );
}
