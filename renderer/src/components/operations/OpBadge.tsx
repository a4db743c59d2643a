import { stepTone } from '../../lib/operations';

/** An engine step (create, update, replace, delete, ...) as a coloured badge. */
export function OpBadge({ op }: { op: string }) {
  return (
    <span className="op-badge" data-tone={stepTone(op)}>
      {op}
    </span>
  );
}
