import { describe, expect, it } from 'vitest';
import {
  activeChecklists,
  ChecklistsInvalidError,
  loadChecklists,
  resetChecklists,
  saveChecklists,
  watchChecklists,
} from '@/lib/cases/active';
import { shippedChecklists, type Checklists } from '@/lib/cases';
import { customChecklists } from '@/lib/settings';

const edited = (language: 'zh-CN' | 'en', title = 'Edited'): Checklists => {
  const c = structuredClone(shippedChecklists(language));
  c.caseTypes[0]!.title = title;
  return c;
};

async function rejection(p: Promise<unknown>): Promise<ChecklistsInvalidError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChecklistsInvalidError) return e;
    throw e;
  }
  throw new Error('expected a ChecklistsInvalidError');
}

describe('active checklist definitions', () => {
  it('are the shipped ones until the agent saves a copy', async () => {
    expect(await activeChecklists('zh-CN')).toEqual(shippedChecklists('zh-CN'));
    expect(await activeChecklists('en')).toEqual(shippedChecklists('en'));
    expect(await loadChecklists('zh-CN')).toMatchObject({ source: 'shipped' });
    expect((await loadChecklists('zh-CN')).storedErrors).toBeUndefined();
  });

  it('hand out copies: editing the result does not change the shipped definitions', async () => {
    const c = await activeChecklists('zh-CN');
    c.caseTypes[0]!.title = 'changed';
    c.caseTypes[0]!.items.pop();
    expect(shippedChecklists('zh-CN').caseTypes[0]!.title).not.toBe('changed');
    expect(await activeChecklists('zh-CN')).toEqual(shippedChecklists('zh-CN'));
  });

  it('use the saved copy of that language only', async () => {
    const saved = await saveChecklists('zh-CN', edited('zh-CN', '改过的'));
    expect(saved.caseTypes[0]!.title).toBe('改过的');
    expect((await activeChecklists('zh-CN')).caseTypes[0]!.title).toBe('改过的');
    expect(await loadChecklists('zh-CN')).toMatchObject({ source: 'custom' });
    expect(await activeChecklists('en')).toEqual(shippedChecklists('en'));

    await saveChecklists('en', edited('en', 'Mine'));
    expect((await activeChecklists('en')).caseTypes[0]!.title).toBe('Mine');
    expect((await activeChecklists('zh-CN')).caseTypes[0]!.title).toBe('改过的');
    expect(Object.keys((await customChecklists.getValue()) ?? {}).sort()).toEqual(['en', 'zh-CN']);
  });

  it('store the normalized definitions (defaults filled in)', async () => {
    const input = structuredClone(edited('zh-CN')) as Record<string, unknown>;
    delete input.uploadLimits;
    const saved = await saveChecklists('zh-CN', input);
    expect(saved.uploadLimits).toEqual({});
    expect(((await customChecklists.getValue()) as Record<string, Checklists>)['zh-CN']!.uploadLimits).toEqual({});
  });

  it('validate the whole definitions before writing: invalid ones throw the errors and write nothing', async () => {
    const bad = edited('zh-CN') as unknown as Record<string, Record<string, unknown>[]>;
    (bad.caseTypes![1]! as Record<string, unknown>).deadlineRule = 'nope';
    (bad.caseTypes![2]!.items as Record<string, unknown>[])[0]!.title = '  ';
    const e = await rejection(saveChecklists('zh-CN', bad));
    expect(e.errors).toContain('caseTypes.2.items.0.title: is empty');
    expect(await customChecklists.getValue()).toBeNull();

    // After a failed save the earlier copy stays as it was.
    await saveChecklists('zh-CN', edited('zh-CN', '第一版'));
    const again = await rejection(saveChecklists('zh-CN', bad));
    expect(again.errors).toContain('caseTypes.2.items.0.title: is empty');
    const cross = edited('zh-CN');
    cross.caseTypes[1]!.deadlineRule = 'nope';
    expect((await rejection(saveChecklists('zh-CN', cross))).errors).toEqual(['caseTypes.1.deadlineRule: unknown rule "nope"']);
    expect((await activeChecklists('zh-CN')).caseTypes[0]!.title).toBe('第一版');

    expect((await rejection(saveChecklists('zh-CN', 'not definitions'))).errors[0]).toMatch(/^file: /);
  });

  it('refuse definitions of the other language', async () => {
    const e = await rejection(saveChecklists('zh-CN', edited('en')));
    expect(e.errors).toEqual(['language: must be "zh-CN"']);
    expect(await customChecklists.getValue()).toBeNull();
  });

  it('fall back to the shipped ones when the stored copy no longer validates, and say why', async () => {
    const broken = edited('zh-CN', '旧版') as unknown as Record<string, unknown>;
    broken.version = 2;
    await customChecklists.setValue({ 'zh-CN': broken });
    expect(await activeChecklists('zh-CN')).toEqual(shippedChecklists('zh-CN'));
    const loaded = await loadChecklists('zh-CN');
    expect(loaded.source).toBe('shipped');
    expect(loaded.storedErrors).toEqual(['version: must be 1']);

    // A copy stored under the wrong language is not used either.
    await customChecklists.setValue({ 'zh-CN': edited('en') });
    expect(await loadChecklists('zh-CN')).toMatchObject({ source: 'shipped', storedErrors: ['language: must be "zh-CN"'] });
  });

  it('reset one language back to the shipped definitions', async () => {
    await saveChecklists('zh-CN', edited('zh-CN', '中'));
    await saveChecklists('en', edited('en', 'E'));
    await resetChecklists('zh-CN');
    expect(await activeChecklists('zh-CN')).toEqual(shippedChecklists('zh-CN'));
    expect((await activeChecklists('en')).caseTypes[0]!.title).toBe('E');
    await resetChecklists('en');
    expect(await customChecklists.getValue()).toBeNull();
    await resetChecklists('en'); // nothing to reset: no error
    expect(await customChecklists.getValue()).toBeNull();
  });

  it('reports changes to watchers', async () => {
    let calls = 0;
    const unwatch = watchChecklists(() => calls++);
    await saveChecklists('zh-CN', edited('zh-CN'));
    await resetChecklists('zh-CN');
    unwatch();
    await saveChecklists('zh-CN', edited('zh-CN'));
    expect(calls).toBe(2);
  });
});
