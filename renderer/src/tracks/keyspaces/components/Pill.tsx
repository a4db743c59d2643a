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
