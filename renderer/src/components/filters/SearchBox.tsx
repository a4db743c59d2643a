// The plan's stack search. Escape clears it; Down moves into the results (the first stack card shown), so a search
// is typed, then browsed with the arrow keys, without the mouse.
import { useMemo, type KeyboardEvent } from 'react';
import { joinNames } from '../../lib/format';
import { searchNamesOf, searchTermsOf } from '../../seam/contributions';
import { useTrackUis } from '../../seam/use-track';
import { useActions, useCockpit } from '../../store/context';
import { firstShownStackId, layoutPlan } from '../../store/filters';
import { useCardFocus } from '../plan/card-focus';

export const SEARCH_INPUT_ID = 'stack-search';

export function SearchBox() {
  const query = useCockpit((state) => state.filters.query);
  const filters = useCockpit((state) => state.filters);
  const plan = useCockpit((state) => (state.snapshot?.status === 'loaded' ? state.snapshot.plan : null));
  const { setQuery } = useActions();
  const cardFocus = useCardFocus();
  const tracks = useTrackUis();
  const terms = useMemo(() => searchTermsOf(tracks), [tracks]);
  // A plan with accounts is also searched by account name and id (store/filters.ts).
  const accountNames = plan !== null && plan.accounts.length > 0 ? ['account'] : [];
  const names = joinNames(['stack', 'project', 'description', 'wave', ...accountNames, ...searchNamesOf(tracks)]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    } else if (event.key === 'ArrowDown' && plan) {
      // The layout is what the plan view shows; worked out on the key press only, not on every keystroke.
      const first = firstShownStackId(layoutPlan(plan, filters, terms));
      if (first !== null && cardFocus.focus(first)) event.preventDefault();
    }
  };

  return (
    <input
      id={SEARCH_INPUT_ID}
      className="search-box"
      type="search"
      aria-label="Search stacks"
      placeholder="Search stacks…  ( / )"
      title={`Matches ${names} names. Shortcut: /. Down: to the results`}
      autoComplete="off"
      spellCheck={false}
      value={query}
      onChange={(event) => setQuery(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
