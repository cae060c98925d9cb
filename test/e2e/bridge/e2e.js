// Inspect build only (wxt.config.ts adds this page, web-accessible, to .output/inspect/ and never
// to the shipped build). Firefox refuses WebDriver navigation to moz-extension:// pages (ESR 153),
// so a Firefox test opens this page from a page script and it moves on to the extension page the
// test wants, as the extension's own navigation: e2e.html?to=options.html%23sites.
const to = new URLSearchParams(location.search).get('to') ?? 'options.html';
if (/^[a-z][a-z0-9-]*\.html([?#].*)?$/.test(to)) location.replace(to);
