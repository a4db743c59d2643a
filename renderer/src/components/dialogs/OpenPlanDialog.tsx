// Modal dialog to open a plan file. In the desktop app the host's native file dialog picks it (the window never
// sends a free path), and the recent and example plans open with one click; in a browser the operator types a
// path on the machine where the cockpit core runs. A native <dialog> opened with showModal(): the page behind is
// inert, and Tab and Shift+Tab cycle inside the dialog.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../../main/api/contract';
import { basename } from '../../lib/format';
import { useActions, useCockpit } from '../../store/context';
import { keepTabInside, returnFocus } from './modal-focus';

export function OpenPlanDialog() {
  const planOpening = useCockpit((state) => state.info?.planOpening);
  return planOpening === 'dialog' ? <ChoosePlanDialog /> : <TypePathDialog />;
}

/** Shared by both forms: the modal <dialog>, which takes focus when shown, gives it back when closed, and closes on Escape. */
function OpenDialogFrame({ focus, children }: { focus: () => void; children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { setOpenDialogVisible } = useActions();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    focus();
    return () => {
      if (dialog.open) dialog.close();
      returnFocus(previouslyFocused);
    };
    // Once, when the dialog mounts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="open-dialog"
      aria-label="Open plan"
      onCancel={(event) => {
        event.preventDefault();
        setOpenDialogVisible(false);
      }}
      onKeyDown={(event) => keepTabInside(event, dialogRef.current)}
    >
      {children}
    </dialog>
  );
}

function ChoosePlanDialog() {
  const chooseRef = useRef<HTMLButtonElement>(null);
  const info = useCockpit((state) => state.info);
  const busy = useCockpit((state) => state.busy.open);
  const { openPlan, choosePlan, setOpenDialogVisible } = useActions();
  const [error, setError] = useState<ApiError | null>(null);

  const close = () => setOpenDialogVisible(false);
  const act = async (what: string, action: () => Promise<ApiError | null>) => {
    if (busy) return;
    setError(null);
    // On success the store closes the dialog (this component unmounts).
    const failure = await action();
    if (!failure) return;
    setError({ ...failure, message: `${what} failed: ${failure.message}` });
    // The button was disabled while busy, which drops focus to the page: give it back.
    chooseRef.current?.focus();
  };
  const recent = info?.recentPlans ?? [];
  const examples = info?.examplePlans ?? [];

  return (
    <OpenDialogFrame focus={() => chooseRef.current?.focus()}>
      <div className="open-dialog-body">
        <h2 className="dialog-title">Open plan</h2>
        <p className="field-hint">Pick a plan file (.yaml or .yml) in the file dialog, or open a recent or example plan.</p>
        {error ? (
          <p className="dialog-error" role="alert">
            {error.message}
          </p>
        ) : null}
        {recent.length > 0 ? (
          <PathChoices
            title="Recent plans"
            paths={recent.map((p) => ({ name: basename(p), file: p }))}
            onChoose={(file) => void act(`Opening ${basename(file)}`, () => openPlan(file))}
          />
        ) : null}
        {examples.length > 0 ? (
          <PathChoices title="Example plans" paths={examples} onChoose={(file) => void act(`Opening ${basename(file)}`, () => openPlan(file))} />
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button ref={chooseRef} type="button" className="primary" disabled={busy} aria-busy={busy} onClick={() => void act('Choose file…', choosePlan)}>
            Choose file…
          </button>
        </div>
      </div>
    </OpenDialogFrame>
  );
}

function TypePathDialog() {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const info = useCockpit((state) => state.info);
  const busy = useCockpit((state) => state.busy.open);
  const currentFile = useCockpit((state) => (state.snapshot && state.snapshot.status !== 'none' ? state.snapshot.file : ''));
  const { openPlan, setOpenDialogVisible } = useActions();
  const [file, setFile] = useState(currentFile);
  const [error, setError] = useState<ApiError | null>(null);

  const close = () => setOpenDialogVisible(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const path = file.trim();
    if (path === '' || busy) return;
    setError(null);
    const failure = await openPlan(path);
    // On success the store closes the dialog (this component unmounts); on failure the path is there to fix.
    if (failure) {
      setError(failure);
      inputRef.current?.focus();
    }
  };

  const choose = (path: string) => {
    setFile(path);
    setError(null);
    inputRef.current?.focus();
  };

  const recent = info?.recentPlans ?? [];
  const examples = info?.examplePlans ?? [];

  return (
    <OpenDialogFrame
      focus={() => {
        inputRef.current?.focus();
        inputRef.current?.select();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 className="dialog-title">Open plan</h2>
        <label htmlFor={inputId} className="field-label">
          Plan file path
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="path-input"
          type="text"
          value={file}
          autoComplete="off"
          spellCheck={false}
          placeholder="/path/to/migration.yaml"
          aria-describedby={`${inputId}-hint`}
          aria-invalid={error !== null}
          onChange={(event) => {
            setFile(event.target.value);
            setError(null);
          }}
        />
        <p id={`${inputId}-hint`} className="field-hint">
          A path on the machine where the cockpit core runs
          {info?.transport === 'web' ? ' (the server, not this browser)' : ''}.
        </p>
        {error ? (
          <p className="dialog-error" role="alert">
            {error.message}
          </p>
        ) : null}

        {recent.length > 0 ? <PathChoices title="Recent plans" paths={recent.map((p) => ({ name: basename(p), file: p }))} onChoose={choose} /> : null}
        {examples.length > 0 ? <PathChoices title="Example plans" paths={examples} onChoose={choose} /> : null}

        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || file.trim() === ''} aria-busy={busy}>
            Open
          </button>
        </div>
      </form>
    </OpenDialogFrame>
  );
}

function PathChoices(props: { title: string; paths: readonly { name: string; file: string }[]; onChoose(file: string): void }) {
  return (
    <fieldset className="path-choices">
      <legend>{props.title}</legend>
      <ul>
        {props.paths.map((entry) => (
          <li key={entry.file}>
            <button type="button" className="path-choice" title={entry.file} onClick={() => props.onChoose(entry.file)}>
              <span className="path-choice-name">{entry.name}</span>
              <span className="path-choice-file">{entry.file}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
