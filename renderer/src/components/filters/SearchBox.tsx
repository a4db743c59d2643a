import type { KeyboardEvent } from 'react';
import { useActions, useCockpit } from '../../store/context';

export const SEARCH_INPUT_ID = 'stack-search';

export function SearchBox() {
  const query = useCockpit((state) => state.filters.query);
  const { setQuery } = useActions();

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };

  return (
    <input
      id={SEARCH_INPUT_ID}
      className="search-box"
      type="search"
      aria-label="Search stacks"
      placeholder="Search stacks…  ( / )"
      title="Matches stack, project, description, wave and replication task names. Shortcut: /"
      autoComplete="off"
      spellCheck={false}
      value={query}
      onChange={(event) => setQuery(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
