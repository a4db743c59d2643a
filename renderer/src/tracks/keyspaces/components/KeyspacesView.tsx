// The Keyspaces tab (TrackUi.tab): the slice and actions from the store, drawn by the pure KeyspacesBoard; opened
// from a stack's panel, it brings that stack's card into view.
import { useEffect } from 'react';
import type { PlanView } from '../../../../../main/api/contract';
import { useKeyspaces, useKeyspacesActions, type KeyspacesSlice } from '../slice';
import { KeyspacesBoard } from './KeyspacesBoard';

export function KeyspacesView({ plan }: { plan: PlanView | null }) {
  const slice = useKeyspaces(whole);
  const actions = useKeyspacesActions();
  const focus = slice.focusStackId;
  useEffect(() => {
    if (focus === null) return;
    const card = document.querySelector(`[data-keyspaces-stack="${CSS.escape(focus)}"]`);
    card?.scrollIntoView({ block: 'start' });
  }, [focus]);
  return <KeyspacesBoard plan={plan} slice={slice} actions={actions} />;
}

const whole = (slice: KeyspacesSlice) => slice;
