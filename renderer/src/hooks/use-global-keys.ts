// Page-wide shortcuts: "/" focuses the search box, Escape closes the stack detail panel.
// Components that handle a key themselves stop it first (search box, detail panel, cards, dialogs).
import { useEffect } from 'react';
import { SEARCH_INPUT_ID } from '../components/filters/SearchBox';

export function useGlobalKeys(closeDetail: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      if (event.key === '/' && !isTextEntry(event.target)) {
        const search = document.getElementById(SEARCH_INPUT_ID);
        if (search instanceof HTMLInputElement) {
          event.preventDefault();
          search.focus();
          search.select();
        }
      } else if (event.key === 'Escape') {
        closeDetail();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [closeDetail]);
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}
