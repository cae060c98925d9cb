import { describe, expect, it } from 'vitest';
import { withoutLeftConversation } from '@/lib/timers/list-activity';

describe('list activity of the batch that switches conversation', () => {
  const at = 1_790_000_000_000;

  it('drops the live change of the row the agent just left (its reply reaching the list), keeps the others', () => {
    const items = [
      { conversationId: 'jd_c1001', at, live: true },
      { conversationId: 'jd_c1003', at, live: true },
    ];
    expect(withoutLeftConversation(items, 'jd_c1001')).toEqual([{ conversationId: 'jd_c1003', at, live: true }]);
  });

  it('keeps everything before the page first settled, and the list as it was at attach', () => {
    const items = [{ conversationId: 'jd_c1001', at: null, live: false }];
    expect(withoutLeftConversation(items, null)).toEqual(items);
    expect(withoutLeftConversation(items, 'jd_c1001')).toEqual(items);
  });
});
