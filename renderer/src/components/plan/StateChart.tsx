// Lifecycle-state counts of the whole plan: one horizontal stacked bar plus a legend with the numbers. Memoized: the
// plan view re-renders on every key typed into the search box, the counts only change with the plan.
import { LIFECYCLE_STATES } from '../../../../common/states';
import { memo } from 'react';
import { Bar, BarChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { LifecycleState } from '../../../../main/api/contract';
import { stateColorVar, stateLabel } from '../../lib/lifecycle';

export const StateChart = memo(function StateChart({ counts, total }: { counts: Readonly<Record<LifecycleState, number>>; total: number }) {
  const row = { name: 'stacks', ...counts };
  return (
    <section className="state-summary" aria-label="Stacks by lifecycle state">
      <div className="state-bar" aria-hidden="true">
        <ResponsiveContainer width="100%" height={14}>
          <BarChart data={[row]} layout="vertical" margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap={0}>
            <XAxis type="number" hide domain={[0, Math.max(total, 1)]} />
            <YAxis type="category" dataKey="name" hide />
            {LIFECYCLE_STATES.map((state) => (
              <Bar key={state} dataKey={state} stackId="states" fill={stateColorVar(state)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="state-legend">
        {LIFECYCLE_STATES.map((state) => (
          <li key={state} data-state={state} className={counts[state] === 0 ? 'is-zero' : undefined}>
            <span className="state-dot" aria-hidden="true" />
            <span className="legend-label">{stateLabel(state)}</span>
            <span className="legend-count">{counts[state]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
});
