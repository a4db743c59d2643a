// The operator's controls of a wave's shift: Pause, Resume, Promote, Abort, each enabled only while the shift runs and
// the command makes sense (the button's title says why not). Pause and Resume go at once; Promote and Abort open a
// prompt under the buttons that says what will happen and asks for the reason (required for an abort, and for a
// promotion over failed measurements; at least 3 characters), counted as typed. While a command is on its way the
// buttons wait; the core's refusal shows where the operator clicked (in the prompt, else under the buttons) in its
// words; a command the core took reads as sent until the shift records it. ShiftControls holds the prompt's state;
// ShiftControlsView draws it from props, so it renders without a store.
import { useId, useState } from 'react';
import type { ShiftView } from '../../../../../main/tracks/traffic/contract';
import { reasonAccepted, SHIFT_COMMANDS, MAX_SHIFT_REASON, type ShiftCommand } from '../shifts';
import type { TrafficActions, TrafficRefusal, TrafficSent } from '../slice';
import { COMMAND_HELP, COMMAND_WORDS, commandBlocked, commandStatement, reasonHint, sentText } from '../words';

export type PromptedCommand = Extract<ShiftCommand, 'promote' | 'abort'>;

export interface ShiftPrompt {
  readonly command: PromptedCommand;
  readonly reason: string;
}

export interface ShiftControlsProps {
  shift: ShiftView;
  waveName: string;
  pending: ShiftCommand | undefined;
  refusal: TrafficRefusal | undefined;
  sent: TrafficSent | undefined;
  actions: TrafficActions;
}

/** Whether a command's button opens the prompt (Promote, Abort) rather than sending at once (Pause, Resume). */
export function opensPrompt(command: ShiftCommand): command is PromptedCommand {
  return command === 'promote' || command === 'abort';
}

/** Sends the prompt's command with its reason; true when the core took it (the prompt closes), false on a refusal. */
export async function sendPrompt(actions: Pick<TrafficActions, 'promote' | 'abort'>, waveId: string, prompt: ShiftPrompt): Promise<boolean> {
  const refused = prompt.command === 'abort' ? await actions.abort(waveId, prompt.reason) : await actions.promote(waveId, prompt.reason);
  return refused === null;
}

export function ShiftControls({ shift, waveName, pending, refusal, sent, actions }: ShiftControlsProps) {
  const [prompt, setPrompt] = useState<ShiftPrompt | null>(null);
  const waveId = shift.waveId;
  const onCommand = (command: ShiftCommand) => {
    if (opensPrompt(command)) {
      actions.dismissRefusal(waveId);
      setPrompt({ command, reason: '' });
      return;
    }
    setPrompt(null);
    void actions[command](waveId);
  };
  const onConfirm = async () => {
    if (prompt && (await sendPrompt(actions, waveId, prompt))) setPrompt(null);
  };
  return (
    <ShiftControlsView
      shift={shift}
      waveName={waveName}
      pending={pending}
      refusal={refusal}
      sent={sent}
      prompt={prompt}
      onCommand={onCommand}
      onReason={(reason) => setPrompt((current) => (current ? { ...current, reason } : current))}
      onConfirm={() => void onConfirm()}
      onCancel={() => setPrompt(null)}
      onDismiss={() => actions.dismissRefusal(waveId)}
    />
  );
}

export interface ShiftControlsViewProps {
  shift: ShiftView;
  waveName: string;
  pending: ShiftCommand | undefined;
  refusal: TrafficRefusal | undefined;
  sent: TrafficSent | undefined;
  prompt: ShiftPrompt | null;
  onCommand(command: ShiftCommand): void;
  onReason(reason: string): void;
  onConfirm(): void;
  onCancel(): void;
  onDismiss(): void;
}

export function ShiftControlsView(props: ShiftControlsViewProps) {
  const { shift, waveName, pending, refusal, sent, prompt, onCommand, onDismiss } = props;
  const statusId = useId();
  const inPrompt = prompt !== null && refusal?.action === prompt.command;
  return (
    <div className="trf-controls" data-testid="traffic-controls">
      <div className="op-buttons" role="group" aria-label={`Controls of the shift of ${waveName}`} aria-describedby={pending ? statusId : undefined}>
        {SHIFT_COMMANDS.map((command) => {
          const blocked = commandBlocked(shift, command, pending);
          return (
            <button
              key={command}
              type="button"
              className={command === 'abort' ? 'danger-outline' : undefined}
              data-command={command}
              disabled={blocked !== null}
              aria-busy={pending === command || undefined}
              aria-expanded={opensPrompt(command) ? prompt?.command === command : undefined}
              title={blocked ?? COMMAND_HELP[command]}
              onClick={() => onCommand(command)}
            >
              {COMMAND_WORDS[command]}
            </button>
          );
        })}
      </div>
      <p id={statusId} className="trf-command-status muted" role="status" data-testid="traffic-command-status">
        {pending ? `Sending ${COMMAND_WORDS[pending].toLowerCase()} to the shift…` : sent ? sentText(sent) : null}
      </p>
      {refusal && !inPrompt ? <Refusal refusal={refusal} onDismiss={onDismiss} /> : null}
      {prompt ? <CommandPrompt {...props} prompt={prompt} refusal={inPrompt ? refusal : undefined} /> : null}
    </div>
  );
}

function CommandPrompt({
  shift,
  waveName,
  pending,
  refusal,
  prompt,
  onReason,
  onConfirm,
  onCancel,
  onDismiss,
}: ShiftControlsViewProps & { prompt: ShiftPrompt }) {
  const id = useId();
  const { label, hint, required } = reasonHint(shift, prompt.command, prompt.reason);
  const accepted = reasonAccepted(shift, prompt.command, prompt.reason);
  const blocked = commandBlocked(shift, prompt.command, pending);
  const verb = prompt.command === 'abort' ? 'Abort the shift' : 'Promote now';
  return (
    <form
      className="trf-prompt"
      aria-label={`${COMMAND_WORDS[prompt.command]} the shift of ${waveName}`}
      data-testid="traffic-prompt"
      data-command={prompt.command}
      onSubmit={(event) => {
        event.preventDefault();
        if (accepted && blocked === null) onConfirm();
      }}
    >
      <p className="trf-prompt-statement">{commandStatement(shift, prompt.command, waveName)}</p>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        className="trf-reason"
        rows={2}
        maxLength={MAX_SHIFT_REASON}
        required={required}
        value={prompt.reason}
        onChange={(event) => onReason(event.target.value)}
        aria-describedby={`${id}-hint`}
        aria-invalid={!accepted || undefined}
      />
      <span id={`${id}-hint`} className="field-hint">
        {hint}
      </span>
      <div className="trf-prompt-buttons">
        <button
          type="submit"
          className={prompt.command === 'abort' ? 'danger' : 'primary'}
          disabled={!accepted || blocked !== null}
          title={blocked ?? (accepted ? undefined : 'Say why first')}
        >
          {verb}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {refusal ? <Refusal refusal={refusal} onDismiss={onDismiss} /> : null}
    </form>
  );
}

function Refusal({ refusal, onDismiss }: { refusal: TrafficRefusal; onDismiss: () => void }) {
  return (
    <div className="error-box" role="alert" data-testid="traffic-refusal" data-action={refusal.action}>
      <strong>{COMMAND_WORDS[refusal.action]} was refused; nothing was sent to the shift.</strong>
      <pre className="error-text">{refusal.message}</pre>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
