// The name an operator types to act (start, confirm, roll back, finalize): prefilled from this window's session and
// kept there as it is typed, so the next dialog does not ask again.
import { useState } from 'react';
import { storedOperator, storeOperator } from '../lib/cutover';

export function useOperatorName(): [string, (value: string) => void] {
  const [name, setName] = useState(storedOperator);
  const type = (value: string) => {
    setName(value);
    storeOperator(value);
  };
  return [name, type];
}
