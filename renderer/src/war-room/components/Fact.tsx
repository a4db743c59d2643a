// One fact of the wall: a label, a value in large type, a line under it; its tone colours it.
import type { Fact as FactModel } from '../lib/budget';

export function Fact({ fact, testId }: { fact: FactModel; testId: string }) {
  return (
    <div className="wr-fact" data-tone={fact.tone} data-testid={testId}>
      <span className="wr-fact-label">{fact.label}</span>
      <span className="wr-fact-value">{fact.value}</span>
      {fact.detail ? <span className="wr-fact-detail">{fact.detail}</span> : null}
    </div>
  );
}
