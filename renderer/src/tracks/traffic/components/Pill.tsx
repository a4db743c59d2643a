// A state as a pill in a tone (the gate pill's look, replication.css): words always, the colour only beside them.
import type { Tone } from '../words';

export function TonePill({ tone, label, testId, title }: { tone: Tone; label: string; testId?: string; title?: string }) {
  return (
    <span className="gate-pill" data-gate={tone} data-testid={testId} title={title}>
      <span className="gate-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/** A line's tone beside its words (the words say it all; the dot only helps the eye). */
export function Dot({ tone }: { tone: Tone }) {
  return <span className="gate-dot trf-dot" data-gate={tone} aria-hidden="true" />;
}
