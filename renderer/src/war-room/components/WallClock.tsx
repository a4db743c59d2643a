// The wall clock: UTC first (every runbook time is UTC), then the screen's local time with its zone.
import { useNow } from '../../hooks/use-now';
import { wallClock } from '../lib/wall-clock';

export function WallClock() {
  const clock = wallClock(useNow(true, 1000));
  return (
    <div className="wr-clock" role="timer" aria-label="Clock" data-testid="wall-clock">
      <div className="wr-clock-row" data-testid="clock-utc">
        <span className="wr-clock-time">{clock.utcTime}</span>
        <span className="wr-clock-zone">UTC</span>
        <span className="wr-clock-date">{clock.utcDate}</span>
      </div>
      {clock.localIsUtc ? null : (
        <div className="wr-clock-row wr-clock-local" data-testid="clock-local">
          <span className="wr-clock-time">{clock.localTime}</span>
          <span className="wr-clock-zone">{clock.localZone} local</span>
          <span className="wr-clock-date">{clock.localDate}</span>
        </div>
      )}
    </div>
  );
}
