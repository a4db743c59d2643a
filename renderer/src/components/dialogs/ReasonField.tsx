// The reason a dialog asks for before an override, a rollback or a finalize: one look, the same minimum as the core
// (MIN_OVERRIDE_REASON), and a hint that counts what is typed and says where the reason goes.
import { MIN_OVERRIDE_REASON } from '../../../../common/limits';
import { useId } from 'react';

export function ReasonField(props: { label: string; value: string; onChange(value: string): void; hint: string }) {
  const { label, value, onChange, hint } = props;
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        className="runbook-reason"
        rows={3}
        maxLength={2000}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <span id={`${id}-hint`} className="field-hint">
        At least {MIN_OVERRIDE_REASON} characters ({value.trim().length} so far). {hint}
      </span>
    </>
  );
}
