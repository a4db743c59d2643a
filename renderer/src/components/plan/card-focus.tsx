// Knows the DOM element of every rendered stack card, so keyboard navigation and the detail panel
// (which hands focus back to its card when it closes) can focus a card by stack id.
import { createContext, useContext, useMemo, type ReactNode } from 'react';

export interface CardFocus {
  register(stackId: string, element: HTMLElement | null): void;
  /** Focuses the card and scrolls it into view; false when no such card is on screen. */
  focus(stackId: string): boolean;
}

const CardFocusContext = createContext<CardFocus | null>(null);

export function CardFocusProvider({ children }: { children: ReactNode }) {
  const value = useMemo<CardFocus>(() => {
    const elements = new Map<string, HTMLElement>();
    return {
      register(stackId, element) {
        if (element) elements.set(stackId, element);
        else elements.delete(stackId);
      },
      focus(stackId) {
        const element = elements.get(stackId);
        if (!element || !element.isConnected) return false;
        element.focus();
        element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        return true;
      },
    };
  }, []);
  return <CardFocusContext.Provider value={value}>{children}</CardFocusContext.Provider>;
}

export function useCardFocus(): CardFocus {
  const value = useContext(CardFocusContext);
  if (!value) throw new Error('useCardFocus must be used inside <CardFocusProvider>');
  return value;
}
