import { useCallback } from 'react';
import { useActions, useCockpit } from '../../store/context';
import { useCardFocus } from '../plan/card-focus';

/** Closes the stack detail panel and hands focus back to the stack's card (when it is still on screen). */
export function useCloseDetail(): () => void {
  const selectedId = useCockpit((state) => state.selectedStackId);
  const { selectStack } = useActions();
  const cardFocus = useCardFocus();
  return useCallback(() => {
    if (selectedId === null) return;
    selectStack(null);
    cardFocus.focus(selectedId);
  }, [selectedId, selectStack, cardFocus]);
}
