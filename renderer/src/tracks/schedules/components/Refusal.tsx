// The core's refusal of an operator's command, in its words, until dismissed (or another command is sent).
import type { SchedulesRefusal } from '../slice';
import { COMMAND_WORDS } from '../words';

export function Refusal({ refusal, onDismiss }: { refusal: SchedulesRefusal; onDismiss: () => void }) {
  return (
    <div className="error-box" role="alert" data-testid="schedules-refusal" data-action={refusal.action}>
      <strong>
        {COMMAND_WORDS[refusal.action]} was refused; {refusal.action === 'test-invoke' ? 'the function was not invoked' : 'nothing was acknowledged'}.
      </strong>
      <pre className="error-text">{refusal.message}</pre>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
