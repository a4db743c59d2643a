// Where the invalid-plan banner's list of errors is open: on the tab the operator opened it on only. The banner shows
// on every tab; left open, its list would take a third of a 720 px screen on each of them.

/** Whether the errors are shown on `view`, given the tab they were opened on (null: closed). */
export function errorsShown(openedOn: string | null, view: string): boolean {
  return openedOn !== null && openedOn === view;
}

/** The tab the errors are open on after the operator toggles them on `view`. */
export function toggleErrors(openedOn: string | null, view: string): string | null {
  return errorsShown(openedOn, view) ? null : view;
}
