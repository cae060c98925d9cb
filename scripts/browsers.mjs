// Finds the system's browsers. Test tools cannot download browsers here: we use the OS's.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** CHROME_PATH, then google-chrome, chromium, /usr/bin/chromium. */
export function findChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  for (const cmd of ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser']) {
    const p = which(cmd);
    if (p) return p;
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** FIREFOX_PATH, then firefox-esr, firefox. */
export function findFirefox() {
  if (process.env.FIREFOX_PATH && existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
  for (const cmd of ['firefox-esr', 'firefox']) {
    const p = which(cmd);
    if (p) return p;
  }
  return null;
}

export const CHROMIUM_HINT =
  'No Chrome/Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH to its executable.';
export const FIREFOX_HINT =
  'No Firefox found. Install one (Debian: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH to its executable.';

/** Flags for a quiet Chromium on a closed network (no background connections). */
export function chromiumArgs(extensionDir) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}
