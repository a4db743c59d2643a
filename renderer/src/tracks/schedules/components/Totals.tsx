// Counts since the monitor started watching, each with its unit; a count that is not zero stands out (in words and
// weight, not by colour alone: the count says it).
import type { JobTotalsView } from '../../../../../main/tracks/schedules/contract';
import { totalLines } from '../words';

export function Totals({ totals, group, label, testId }: { totals: JobTotalsView; group?: string | null; label: string; testId: string }) {
  return (
    <ul className="sch-totals" aria-label={label} data-testid={testId}>
      {totalLines(totals, group).map((line) => (
        <li key={line.key} data-total={line.key} data-bad={line.bad || undefined} className={line.bad ? 'count-bad' : 'muted'}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}
