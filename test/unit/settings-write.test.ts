import { describe, expect, it } from 'vitest';
import { disabledHosts, retentionDays, timerAlerts, workSchedule } from '@/lib/settings';
import { SettingRefused, writeSetting } from '@/lib/backup/write-setting';

// docs/security.md S11: a backup's settings are parsed with their schemas, and so is every write
// from the options page and the popup: a value the readers cannot use is never stored.

describe('setting writes', () => {
  it('writes a valid value', async () => {
    await writeSetting('retentionDays', 30);
    expect(await retentionDays.getValue()).toBe(30);
    await writeSetting('disabledHosts', ['shop.example', '127.0.0.1:5173']);
    expect(await disabledHosts.getValue()).toEqual(['shop.example', '127.0.0.1:5173']);
  });

  it.each([
    ['retentionDays', 'never', /^retentionDays: /],
    ['retentionDays', 3, /retentionDays: .*7/],
    ['disabledHosts', {}, /^disabledHosts: /],
    ['disabledHosts', ['<script>'], /disabledHosts: 0: must be a host name/],
    ['workSchedule', { days: [1], from: '25:00', to: '18:00' }, /workSchedule: from: must be a time "HH:MM"/],
    ['timerAlerts', { sound: true, notify: true, quiet: { enabled: true, from: '22:00', to: '08:00' }, extra: 1 }, /timerAlerts: /],
  ] as const)('refuses %s = %j naming the setting, and writes nothing', async (key, value, message) => {
    const before = JSON.stringify([
      await retentionDays.getValue(),
      await disabledHosts.getValue(),
      await workSchedule.getValue(),
      await timerAlerts.getValue(),
    ]);
    const error = await writeSetting(key, value as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingRefused);
    expect((error as Error).message).toMatch(message);
    expect(
      JSON.stringify([
        await retentionDays.getValue(),
        await disabledHosts.getValue(),
        await workSchedule.getValue(),
        await timerAlerts.getValue(),
      ]),
    ).toBe(before);
  });
});
