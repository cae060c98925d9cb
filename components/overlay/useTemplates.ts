import { useCallback, useEffect, useState } from 'react';
import { send } from '@/lib/messaging/client';
import { templatesRevision } from '@/lib/settings';
import { buildIndex, type PickerTemplate, type SearchIndex } from '@/lib/templates/search';

interface TemplatesState {
  index: SearchIndex | null;
  templates: PickerTemplate[];
}

export interface Templates extends TemplatesState {
  /** Counts a use locally so the ranking follows at once. */
  noteUse: (id: string) => void;
}

/** The picker's copy of the library, refreshed whenever any context writes templates. */
export function useTemplates(): Templates {
  const [state, setState] = useState<TemplatesState>({ index: null, templates: [] });
  useEffect(() => {
    let alive = true;
    const load = () =>
      send('templates.picker', {})
        .then((templates) => alive && setState({ templates, index: buildIndex(templates) }))
        .catch(() => undefined);
    void load();
    const unwatch = templatesRevision.watch(() => void load());
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  const noteUse = useCallback(
    (id: string) =>
      setState((s) => {
        const templates = s.templates.map((t) => (t.id === id ? { ...t, useCount: t.useCount + 1, lastUsedAt: Date.now() } : t));
        return { templates, index: buildIndex(templates) };
      }),
    [],
  );
  return { ...state, noteUse };
}
