// For benches run in Node: the extension APIs (storage) the library touches, from WXT's fake browser.
export { fakeBrowser as browser } from 'wxt/testing/fake-browser';
