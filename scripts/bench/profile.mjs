// Who spent a CPU profile's time (`npm run bench`, the stream runs): each sample is attributed to
// the nearest frame with a URL, so natives such as appendChild count for the script that called
// them, and Deskmate's content scripts and the page's own code are measured in the same run.

/**
 * @param {{ nodes: object[], samples: number[], timeDeltas: number[] }} profile a Profiler.stop result
 * @param {string} pageUrl frames under this address are the page's
 * @param {boolean} print with DESKMATE_BENCH_TOP=1, print where Deskmate's time went
 * @returns {{ time: { deskmate: number, page: number, other: number }, longest: number }} milliseconds;
 *   `longest` is the longest run of consecutive samples inside Deskmate (a long task it caused)
 */
export function attribute(profile, pageUrl, print) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map();
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const url = nodes.get(id).callFrame.url;
    const o = url.startsWith('chrome-extension://')
      ? 'deskmate'
      : url.startsWith(pageUrl)
        ? 'page'
        : parent.has(id)
          ? ownerOf(parent.get(id))
          : 'other';
    owner.set(id, o);
    return o;
  };
  const time = { deskmate: 0, page: 0, other: 0 };
  let run = 0;
  let longest = 0;
  // Where Deskmate's time goes (DESKMATE_BENCH_TOP=1 prints it): self time by function, with
  // natives counted for the nearest Deskmate frame above them.
  const byFunction = new Map();
  const nameOf = (id) => {
    let n = nodes.get(id);
    while (n && !n.callFrame.url.startsWith('chrome-extension://') && parent.has(n.id)) n = nodes.get(parent.get(n.id));
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  // And by entry point: the outermost Deskmate frame of each sample (an observer callback, a
  // timer, a storage or message listener), with everything it called.
  const byEntry = new Map();
  const entryOf = (id) => {
    let entry = null;
    for (let n = id; n !== undefined; n = parent.get(n)) if (nodes.get(n).callFrame.url.startsWith('chrome-extension://')) entry = n;
    return entry;
  };
  const label = (n) => {
    const f = nodes.get(n).callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const o = ownerOf(id);
    time[o] += dt;
    run = o === 'deskmate' ? run + dt : 0;
    longest = Math.max(longest, run);
    if (o === 'deskmate' && process.env.DESKMATE_BENCH_TOP) {
      const name = nameOf(id);
      byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
      const entry = entryOf(id);
      const key = entry === null ? '(no Deskmate frame)' : label(entry);
      byEntry.set(key, (byEntry.get(key) ?? 0) + dt);
    }
  });
  if (process.env.DESKMATE_BENCH_TOP && print) {
    console.log(`Deskmate ${time.deskmate.toFixed(1)} ms, page ${time.page.toFixed(1)} ms. Self time by function (ms):`);
    for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
    console.log('Deskmate time by entry point, inclusive (ms):');
    for (const [name, ms] of [...byEntry].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
  }
  return { time, longest };
}
