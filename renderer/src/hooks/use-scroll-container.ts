// The element that scrolls a component (its nearest scrolling ancestor), where the component starts inside that
// element's content, and the element's scroll-padding-top (room kept free under a sticky bar): what a virtualizer
// needs when it shares its scroll container with content above it.
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface ScrollContainer {
  readonly element: HTMLElement | null;
  /** px from the top of the container's content to the top of the component. */
  readonly offset: number;
  readonly paddingTop: number;
}

const NOT_YET: ScrollContainer = { element: null, offset: 0, paddingTop: 0 };

export function useScrollContainer(ref: RefObject<HTMLElement | null>): ScrollContainer {
  const [container, setContainer] = useState<ScrollContainer>(NOT_YET);
  useLayoutEffect(() => {
    const own = ref.current;
    const element = own ? scrollingAncestor(own) : null;
    if (!own || !element) return;
    const measure = () => {
      const offset = Math.round(own.getBoundingClientRect().top - element.getBoundingClientRect().top + element.scrollTop);
      const paddingTop = Number.parseFloat(getComputedStyle(element).scrollPaddingTop) || 0;
      setContainer((current) =>
        current.element === element && current.offset === offset && current.paddingTop === paddingTop ? current : { element, offset, paddingTop },
      );
    };
    measure();
    // What sits above the component (panels that open, a filter bar that wraps) changes the parent's size.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (own.parentElement) observer.observe(own.parentElement);
    return () => observer.disconnect();
  }, [ref]);
  return container;
}

function scrollingAncestor(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflowY = getComputedStyle(node).overflowY;
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : null;
}
