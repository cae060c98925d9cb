import { useEffect, useState } from 'react';

/** A storage item's value, kept live (null until read). */
export function useStored<T>(item: { getValue(): Promise<T>; watch(cb: (v: T) => void): () => void }): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch(setValue);
  }, [item]);
  return value;
}
