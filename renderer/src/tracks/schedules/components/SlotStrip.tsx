// A job's slots around now as a strip, oldest first: each slot's time (its day where the day changes), which side ran
// it in words (a double or a missed run in the danger colours and in capitals, never by colour alone), its marks
// (failed runs, throttled invocations, a side running it more than once), and "now" between the slots that have come
// and the upcoming ones; its head says the clock its times are on, so a strip read alone (the tab scrolled to a job)
// never shows a time without its clock. The legend (SlotLegend) says the verdicts, the marks and the clock once for the
// tab, folded: the cells' words say the verdict, and the legend is there to look up a mark.
import type { ReactNode } from 'react';
import type { SlotVerdict } from '../../../../../common/tracks/schedules';
import type { SlotView } from '../../../../../main/tracks/schedules/contract';
import type { ClockRate } from '../../../lib/readiness';
import {
  isDangerVerdict,
  MARK_LEGEND,
  nowIndex,
  slotClockText,
  slotDayText,
  slotLabel,
  slotMarks,
  stripClockCaption,
  stripClockText,
  utcDay,
  VERDICT_MEANINGS,
  VERDICT_WORDS,
} from '../words';

/** The verdicts in the order the legend lists them. */
const LEGEND_ORDER: readonly SlotVerdict[] = ['dc', 'aws', 'double', 'missed', 'open', 'upcoming'];

export function SlotStrip({ slots, clock, jobName }: { slots: readonly SlotView[]; clock: ClockRate | null; jobName: string }) {
  if (slots.length === 0) {
    return (
      <p className="muted sch-strip-empty" data-testid="schedules-strip">
        No slots around now yet: the monitor has not expanded the job&rsquo;s schedule.
      </p>
    );
  }
  const now = nowIndex(slots);
  const items: ReactNode[] = [];
  slots.forEach((slot, index) => {
    if (index === now) items.push(<NowMarker key="now" />);
    const newDay = index === 0 || utcDay(slots[index - 1]!.at) !== utcDay(slot.at);
    items.push(<SlotCell key={`${slot.at}:${index}`} slot={slot} clock={clock} newDay={newDay} />);
  });
  if (now === slots.length) items.push(<NowMarker key="now" />);
  return (
    <div className="sch-strip-wrap">
      <span className="sch-strip-clock" aria-hidden="true" data-testid="schedules-strip-clock">
        {stripClockCaption(clock)}
      </span>
      <ol className="sch-strip" aria-label={`Slots of ${jobName} around now, oldest first; ${stripClockText(clock)}`} data-testid="schedules-strip">
        {items}
      </ol>
    </div>
  );
}

function SlotCell({ slot, clock, newDay }: { slot: SlotView; clock: ClockRate | null; newDay: boolean }) {
  const marks = slotMarks(slot);
  const label = slotLabel(slot, clock);
  return (
    <li className="sch-slot" data-testid="schedules-slot" data-verdict={slot.verdict} data-danger={isDangerVerdict(slot.verdict) || undefined} title={label}>
      <span className="visually-hidden">{label}</span>
      <span className={newDay ? 'sch-slot-day' : 'sch-slot-day sch-slot-day-same'} aria-hidden="true">
        {slotDayText(slot.at)}
      </span>
      <time className="sch-slot-time" dateTime={slot.at} aria-hidden="true">
        {slotClockText(slot.at)}
      </time>
      <span className="sch-slot-verdict" aria-hidden="true">
        {VERDICT_WORDS[slot.verdict]}
      </span>
      {marks.length > 0 ? (
        <span className="sch-slot-marks" aria-hidden="true">
          {marks.map((mark) => (
            <span key={mark.text} className="sch-mark" data-mark={mark.kind}>
              {mark.text}
            </span>
          ))}
        </span>
      ) : null}
    </li>
  );
}

function NowMarker() {
  return (
    <li className="sch-now" data-testid="schedules-now" aria-label="now">
      <span aria-hidden="true">now</span>
    </li>
  );
}

/** What the strips' words, colours and marks mean, and the clock their times are on. */
export function SlotLegend({ clock }: { clock: ClockRate | null }) {
  return (
    <details className="sch-legend" aria-label="Slot legend" data-testid="schedules-legend">
      <summary className="sch-legend-summary">
        <h3 className="sch-legend-title">Slots</h3>
        <span className="sch-legend-clock">
          {stripClockText(clock)}; each strip runs oldest first, with now between the slots that have come and the upcoming ones.
        </span>
        <span className="muted sch-legend-more">What the words and marks mean</span>
      </summary>
      <ul className="sch-legend-list">
        {LEGEND_ORDER.map((verdict) => (
          <li key={verdict}>
            <span className="sch-slot sch-legend-swatch" data-verdict={verdict} data-danger={isDangerVerdict(verdict) || undefined}>
              <span className="sch-slot-verdict">{VERDICT_WORDS[verdict]}</span>
            </span>
            <span>{VERDICT_MEANINGS[verdict]}</span>
          </li>
        ))}
        {MARK_LEGEND.map((mark) => (
          <li key={mark.text}>
            <span className="sch-mark" data-mark="legend">
              {mark.text}
            </span>
            <span>{mark.meaning}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
