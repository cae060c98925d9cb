import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { Tabs, tabKeyTarget } from '@/components/ui/Tabs';

describe('Tabs', () => {
  it('moves with ←/→ (wrapping), Home and End; other keys do nothing', () => {
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabKeyTarget('Home', 2, 3)).toBe(0);
    expect(tabKeyTarget('End', 0, 3)).toBe(2);
    expect(tabKeyTarget('a', 0, 3)).toBeNull();
  });

  it('has one Tab stop, and the keys select the next tab and move focus onto it', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const container = document.createElement('div');
    document.body.append(container);
    function Demo() {
      const [tab, setTab] = useState<'a' | 'b' | 'c'>('a');
      return (
        <Tabs
          tabs={[
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
            { id: 'c', label: 'C' },
          ]}
          selected={tab}
          onSelect={setTab}
          label="demo"
          idPrefix="t"
        >
          <p>panel {tab}</p>
        </Tabs>
      );
    }
    const root = createRoot(container);
    await act(async () => root.render(<Demo />));
    const tabs = () => Array.from(container.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    const press = (key: string) =>
      act(async () => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    tabs()[0]!.focus();
    await press('ArrowLeft');
    expect(document.activeElement).toBe(tabs()[2]);
    expect(tabs()[2]!.getAttribute('aria-selected')).toBe('true');
    expect(container.querySelector('[role="tabpanel"]')!.textContent).toBe('panel c');
    expect(container.querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe('t-tab-c');
    await press('Home');
    expect(document.activeElement).toBe(tabs()[0]);
    await press('End');
    expect(document.activeElement).toBe(tabs()[2]);
    expect(tabs().map((t) => t.tabIndex)).toEqual([-1, -1, 0]);
    await act(async () => root.unmount());
    container.remove();
  });
});
