// How many of a list's items fit in it whole, for a screen that does not scroll (the war room). The list fills the
// room its panel leaves (flex: 1, overflow hidden) and renders every item; the caller hides the items from the count
// on (visibility: hidden, so they keep their place and the count stays measurable) and says on one line, laid over
// their room, how many more there are (room for that line is kept when not all fit). Counted whenever the list or
// an item changes size (a chart laid out once its data came).
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useFitCount(list: RefObject<HTMLElement | null>, items: string): number {
  const [fit, setFit] = useState(Number.POSITIVE_INFINITY);
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const count = () => {
      const children = [...element.children] as HTMLElement[];
      const bottom = element.getBoundingClientRect().bottom + 0.5;
      const overflowing = children.findIndex((child) => child.getBoundingClientRect().bottom > bottom);
      if (overflowing === -1) return setFit(children.length);
      // The line saying how many more takes about one line of text at the list's bottom.
      const line = Number.parseFloat(getComputedStyle(element).lineHeight) || 24;
      let whole = overflowing;
      while (whole > 1 && children[whole - 1]!.getBoundingClientRect().bottom > bottom - line) whole -= 1;
      setFit(Math.max(1, whole));
    };
    // Observing starts with one report, so the first count comes at once.
    const observer = new ResizeObserver(count);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, [list, items]);
  return fit;
}
