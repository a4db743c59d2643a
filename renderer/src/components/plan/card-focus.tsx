// Knows the DOM element of every rendered stack card, so keyboard navigation and the detail panel
// (which hands focus back to its card when it closes) can focus a card by stack id. A virtualized plan view
// renders only the cards on screen: it registers a revealer that scrolls a card's row into view, and the card
// is focused as soon as it mounts. It also moves a card between rows when the number of columns changes (the
// detail panel opens or closes, the window is resized): a focused card that is re-created keeps the focus.
import { createContext, useContext, useMemo, type ReactNode } from 'react';

export interface CardFocus {
  register(stackId: string, element: HTMLElement | null): void;
  /** Focuses the card and scrolls it into view, or has it revealed and focused once rendered; false when no such card is in the view. */
  focus(stackId: string): boolean;
  /** Who brings a card that is not rendered onto the screen (the virtualized plan view); returns false for a card it does not show. */
  setRevealer(revealer: ((stackId: string) => boolean) | null): void;
}

/** A revealed card that has not mounted within this long is not focused any more: the operator has moved on. */
const PENDING_FOCUS_MS = 2000;
const REFOCUS_MS = 500;

const CardFocusContext = createContext<CardFocus | null>(null);

export function CardFocusProvider({ children }: { children: ReactNode }) {
  const value = useMemo<CardFocus>(() => {
    const elements = new Map<string, HTMLElement>();
    const slots: {
      revealer: ((stackId: string) => boolean) | null;
      /** A card being revealed, to focus when it mounts. */
      pending: { stackId: string; until: number } | null;
      /** The card that had the focus when its element went away: its next element (in the same update) takes it over. */
      refocus: { stackId: string; until: number } | null;
    } = { revealer: null, pending: null, refocus: null };
    const focusElement = (element: HTMLElement) => {
      element.focus();
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    };
    return {
      register(stackId, element) {
        if (!element) {
          // React detaches a removed element's ref while it is still in the document.
          if (elements.get(stackId) === document.activeElement) slots.refocus = { stackId, until: performance.now() + REFOCUS_MS };
          elements.delete(stackId);
          return;
        }
        elements.set(stackId, element);
        if (slots.refocus?.stackId === stackId) {
          const nothingElseFocused = document.activeElement === document.body || document.activeElement === null;
          if (nothingElseFocused && performance.now() <= slots.refocus.until) focusElement(element);
          slots.refocus = null;
        } else if (slots.pending?.stackId === stackId) {
          if (performance.now() <= slots.pending.until) focusElement(element);
          slots.pending = null;
        }
      },
      focus(stackId) {
        slots.pending = null;
        const element = elements.get(stackId);
        if (element?.isConnected) {
          focusElement(element);
          return true;
        }
        if (!slots.revealer?.(stackId)) return false;
        slots.pending = { stackId, until: performance.now() + PENDING_FOCUS_MS };
        return true;
      },
      setRevealer(next) {
        slots.revealer = next;
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
