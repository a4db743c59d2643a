// The name an operator types to act (start, confirm, roll back, finalize): prefilled from this window's session and
// kept there as it is typed, so the next dialog does not ask again; before anything was typed in this window, the
// OS user the core runs as (the journal's actor, user@host) offers its user part, so the field is never blank at 2 a.m.
import { useState } from 'react';
import { storedOperator, storeOperator } from '../lib/cutover';
import { useCockpit } from '../store/context';

export function useOperatorName(): [string, (value: string) => void] {
  const [typed, setTyped] = useState<string | null>(() => storedOperator() || null);
  const osUser = useCockpit((state) => state.environment?.operator ?? null);
  const type = (value: string) => {
    setTyped(value);
    storeOperator(value);
  };
  return [typed ?? osUserName(osUser), type];
}

/** The user part of `user@host` (the whole string without a host). */
export function osUserName(operator: string | null): string {
  if (!operator) return '';
  const at = operator.lastIndexOf('@');
  return (at > 0 ? operator.slice(0, at) : operator).trim();
}
