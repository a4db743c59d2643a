// Focus in a modal dialog. Tab and Shift+Tab cycle through the dialog's controls: a native modal <dialog> keeps
// focus off the page behind it, but after its last control Tab goes on to the browser's own UI, and a keyboard
// user has to find the way back. On close, focus goes back to the control that opened the dialog.
import type { KeyboardEvent } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/**
 * Where Tab moves among `count` controls from the one at `index` (-1: focus is on none of them, e.g. on the dialog
 * itself): around to the other end at either end, else null to let the browser move it as usual.
 */
export function wrapTab(index: number, count: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (index < 0) return backwards ? count - 1 : 0;
  if (!backwards && index === count - 1) return 0;
  if (backwards && index === 0) return count - 1;
  return null;
}

/** The controls Tab stops at inside `container`, in order: enabled, shown, one per radio group (the checked one). */
export function tabStops(container: HTMLElement): HTMLElement[] {
  const radioGroups = new Set<string>();
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => {
    if (element.tabIndex < 0 || isDisabled(element) || element.getClientRects().length === 0) return false;
    if (element instanceof HTMLInputElement && element.type === 'hidden') return false;
    if (element instanceof HTMLInputElement && element.type === 'radio' && element.name !== '') {
      const group = [...container.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(element.name)}"]`)];
      const stop = group.find((radio) => radio.checked) ?? group[0];
      if (stop !== element || radioGroups.has(element.name)) return false;
      radioGroups.add(element.name);
    }
    return true;
  });
}

/** A dialog's keydown handler: keeps Tab and Shift+Tab inside `dialog`. */
export function keepTabInside(event: KeyboardEvent<HTMLElement>, dialog: HTMLElement | null): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey || !dialog) return;
  const stops = tabStops(dialog);
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const next = wrapTab(active ? stops.indexOf(active) : -1, stops.length, event.shiftKey);
  if (stops.length === 0) {
    // Nothing to move to: focus stays in the dialog.
    event.preventDefault();
    return;
  }
  if (next === null) return;
  event.preventDefault();
  stops[next]!.focus();
}

/**
 * Gives focus back to the control that opened a dialog. When that control turned disabled meanwhile (the operation it
 * started now runs), focus goes to the control nearest to it (the next one, else the one before, in its closest
 * group that has any), not to the page, so a keyboard user goes on from where they were.
 */
export function returnFocus(opener: HTMLElement | null): void {
  if (!opener?.isConnected) return;
  if (!isDisabled(opener)) {
    opener.focus();
    return;
  }
  for (let group = opener.parentElement; group && group !== document.body; group = group.parentElement) {
    const stops = tabStops(group);
    if (stops.length === 0) continue;
    const after = stops.find((stop) => opener.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING);
    (after ?? stops[stops.length - 1]!).focus();
    return;
  }
}

function isDisabled(element: HTMLElement): boolean {
  return 'disabled' in element && (element as HTMLButtonElement).disabled === true;
}
