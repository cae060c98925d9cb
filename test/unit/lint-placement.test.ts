import { describe, expect, it } from 'vitest';
import { placement } from '@/components/overlay/LintWatcher';

describe('lint popover placement', () => {
  it('sits above the composer and ends where the latest message ends', () => {
    // Composer top at 600, latest message bottom at 400: at most 600 - 6 - 404 = 190 px tall.
    expect(placement({ top: 600 }, 400, 800)).toEqual({ bottom: 206, maxHeight: 190 });
  });
  it('keeps a readable minimum when the message is right above the composer', () => {
    expect(placement({ top: 600 }, 590, 800).maxHeight).toBe(56);
  });
  it('without a message above, uses the room up to the top of the window', () => {
    expect(placement({ top: 600 }, null, 800)).toEqual({ bottom: 206, maxHeight: 586 });
    expect(placement({ top: 600 }, 700, 800).maxHeight).toBe(586);
  });
});
