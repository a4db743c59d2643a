// The facts line under a wave's heading: dependencies, parallelism, gates (when it has any), cutover window.
import type { WaveView } from '../../../../main/api/contract';
import { formatDuration, formatWindow } from '../../lib/format';

export function WaveFacts({ wave }: { wave: WaveView }) {
  return (
    <ul className="wave-facts" aria-label={`Facts of ${wave.name}`}>
      <li className="fact-deps">{wave.dependsOn.length > 0 ? `depends on ${wave.dependsOn.join(', ')}` : 'no dependencies'}</li>
      <li>max parallel {wave.maxParallel}</li>
      {/* A wave without gates says so on its gate line (WaveGate.tsx). */}
      {wave.gates ? <li className="fact-gates">{gatesText(wave.gates)}</li> : null}
      <li className="fact-window">
        {wave.cutoverWindow ? (
          <>
            cutover <time dateTime={wave.cutoverWindow.start}>{formatWindow(wave.cutoverWindow.start, wave.cutoverWindow.end)}</time>
          </>
        ) : (
          'no cutover window'
        )}
      </li>
    </ul>
  );
}

function gatesText(gates: NonNullable<WaveView['gates']>): string {
  return [
    `gates: max CDC latency ${gates.maxCdcLatencySeconds} s`,
    `hold for ${formatDuration(gates.holdSeconds)}`,
    gates.requireValidation ? 'validation required' : 'validation not required',
    `max table errors ${gates.maxTableErrors}`,
  ].join(' · ');
}
