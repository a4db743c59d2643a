// A modal confirmation: a native <dialog> opened with showModal() (page behind inert), rendered into <body> so it
// sits outside the panel that opened it; Tab and Shift+Tab cycle inside it. Escape or Cancel closes it; focus returns
// to where it was (the button that opened it).
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { keepTabInside, returnFocus } from './modal-focus';

export interface ConfirmDialogProps {
  /** The dialog's accessible name, e.g. "Confirm destroy". */
  label: string;
  title: string;
  confirmLabel: string;
  confirmDisabled?: boolean;
  /**
   * What the confirmation still misses, said beside its disabled button ("Type your name and a reason … to roll
   * back."): a disabled button alone does not say why. Null or absent when nothing is missing.
   */
  missing?: string | null;
  danger?: boolean;
  children: ReactNode;
  onConfirm(): void;
  onClose(): void;
  testId?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { label, title, confirmLabel, confirmDisabled = false, missing = null, danger = false, children, onConfirm, onClose, testId } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Focus the first field still to fill (a prefilled name is skipped), else the first field, else the safe choice
    // (Cancel); never the confirm button.
    const fields = [...dialog.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type="checkbox"]):not([type="radio"]), textarea')];
    const first = fields.find((field) => field.value === '') ?? dialog.querySelector<HTMLElement>('input, [data-autofocus]');
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      returnFocus(previouslyFocused);
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmDisabled) onConfirm();
  };

  return createPortal(
    <dialog
      ref={dialogRef}
      className="open-dialog confirm-dialog"
      aria-label={label}
      aria-describedby={`${titleId}-body`}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // The panel that opened the dialog closes on Escape too; the key belongs to the dialog while it is open.
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.stopPropagation();
        keepTabInside(event, dialogRef.current);
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 className="dialog-title" id={titleId}>
          {title}
        </h2>
        <div id={`${titleId}-body`} className="confirm-body">
          {children}
        </div>
        <div className="dialog-actions">
          {missing ? (
            <span id={`${titleId}-missing`} className="field-hint dialog-missing" data-testid="dialog-missing">
              {missing}
            </span>
          ) : null}
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="submit"
            className={danger ? 'danger' : 'primary'}
            disabled={confirmDisabled}
            aria-describedby={missing ? `${titleId}-missing` : undefined}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
