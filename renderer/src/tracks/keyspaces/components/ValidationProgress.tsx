// How far a validation (or re-check) got: its start and end on the data clock with their clock, token ranges done of
// all as a bar, rows compared on each side, the origin's read rate against the plan's bound, and the mismatches found.
import type { ValidationView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import { comparedText, formatNumber, originRateText, rangesPercent, rangesProgressText, timeText } from '../words';

export function ValidationProgress({ view, clock }: { view: ValidationView; clock: ClockRate | null }) {
  const percent = rangesPercent(view);
  const rate = originRateText(view);
  return (
    <dl className="ks-facts" data-testid="keyspaces-validation-progress">
      <dt>Started</dt>
      <dd>{timeText(view.startedAt, clock)}</dd>
      {view.finishedAt !== null ? (
        <>
          <dt>Ended</dt>
          <dd>{timeText(view.finishedAt, clock)}</dd>
        </>
      ) : null}
      <dt>Token ranges</dt>
      <dd className="ks-progress-line">
        <span
          className="progress ks-progress"
          role="progressbar"
          aria-label="Token ranges compared"
          aria-valuemin={0}
          aria-valuemax={100}
          {...(percent !== null ? { 'aria-valuenow': Math.round(percent) } : { 'aria-valuetext': 'not known yet' })}
        >
          {percent !== null ? <span className="progress-fill ks-progress-fill" style={{ width: `${percent}%` }} /> : null}
        </span>
        <span>{rangesProgressText(view)}</span>
      </dd>
      <dt>Rows compared</dt>
      <dd>{comparedText(view.originRows, view.targetRows)}</dd>
      <dt>Origin load</dt>
      <dd className={rate.over ? 'count-warn' : undefined}>{rate.text}</dd>
      <dt>Mismatches</dt>
      <dd className={view.mismatches > 0 ? 'count-bad' : undefined}>{formatNumber(view.mismatches)}</dd>
    </dl>
  );
}
