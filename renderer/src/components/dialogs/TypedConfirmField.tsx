// The field an irreversible action's dialog wants filled before it can go ahead: the exact name of what it acts on,
// typed (one look for destroy, undo of a wave deploy and the DMS reloads). No placeholder: showing the answer in the
// box makes it look filled in (and the disabled confirm button broken); the hint below names it.
import { useId } from 'react';

export function TypedConfirmField(props: { what: string; expected: string; value: string; onChange(value: string): void; testId?: string }) {
  const { what, expected, value, onChange, testId } = props;
  const inputId = useId();
  return (
    <>
      <label htmlFor={inputId} className="field-label">
        Type the {what} to confirm
      </label>
      <input
        id={inputId}
        className="path-input"
        type="text"
        value={value}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${inputId}-hint`}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      <p id={`${inputId}-hint`} className="field-hint">
        The {what} is <code>{expected}</code>.
      </p>
    </>
  );
}
