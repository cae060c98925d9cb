import { useEffect, useState } from 'react';
import { send } from '@/lib/messaging/client';
import { templatesRevision } from '@/lib/settings';
import { buildIndex, type PickerTemplate, type SearchIndex } from '@/lib/templates/search';

export interface TemplatesState {
  index: SearchIndex | null;
  templates: PickerTemplate[];
}

/** The picker's copy of the library, refreshed whenever any context writes templates. */
export function useTemplates(): TemplatesState {
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
  return state;
}
