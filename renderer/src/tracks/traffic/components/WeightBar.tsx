// A service's split as a bar: the data center's share on the left, AWS's on the right, each with its number in the
// bar and the weights beside it in words ("25 % to AWS · weights 75 / 25 (data center / AWS)"); unknown weights draw
// an empty bar that says so. The shares are drawn from the percent AWS holds (what the monitor read), each side as wide
// as its share and not drawn at all without one.
import type { ServiceView } from '../../../../../main/tracks/traffic/contract';
import { percentText, weightsLine } from '../words';

export function WeightBar({ view }: { view: ServiceView }) {
  const aws = view.awsPercent;
  const line = weightsLine(view);
  return (
    <div className="trf-weights" data-testid="traffic-weights" data-aws-percent={aws ?? undefined}>
      {aws === null ? (
        <div className="trf-bar trf-bar-unknown" aria-hidden="true" />
      ) : (
        <div className="trf-bar" role="img" aria-label={`Split: ${percentText(100 - aws)} to the data center, ${percentText(aws)} to AWS`}>
          {/* A side with no share is not drawn at all (its padding would show a sliver of its colour beside "100 %"); the
              shares grow from nothing, so their widths are the percents whatever the words inside take. */}
          {aws < 100 ? (
            <span className="trf-bar-dc" style={{ flex: `${100 - aws} 1 0` }}>
              DC {percentText(100 - aws)}
            </span>
          ) : null}
          {aws > 0 ? (
            <span className="trf-bar-aws" style={{ flex: `${aws} 1 0` }}>
              AWS {percentText(aws)}
            </span>
          ) : null}
        </div>
      )}
      <p className="trf-weights-line" data-testid="traffic-weights-line">
        {line}
      </p>
    </div>
  );
}
