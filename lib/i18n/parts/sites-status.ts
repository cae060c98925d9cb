// UI strings of site config status (verified / evidence-based / unverified) and of what works on
// 千牛, merged into the catalogs (en.ts, zh-CN.ts). Both objects have exactly the same keys.
export const sitesStatusEn = {
  'sites.statusEvidence': 'evidence-based',
  'sites.evidenceTitle':
    'Written from public projects that read this console (checked {date}): {sources}. Not yet checked against a saved page.',
  'sites.qianniu':
    'Qianniu (千牛): the desktop client is a native program a browser extension cannot reach, so Deskmate cannot time replies or check drafts there. Only Qianniu pages an agent opens in the browser (for example the web chat-history page) can be read, and no built-in config reads them yet: teach Deskmate such a page yourself.',
};

export const sitesStatusZhCN: Record<keyof typeof sitesStatusEn, string> = {
  'sites.statusEvidence': '依据公开资料',
  'sites.evidenceTitle': '依据读取这个工作台的公开项目编写（核对于 {date}）：{sources}。尚未用保存的页面核对。',
  'sites.qianniu':
    '千牛：桌面客户端是浏览器扩展进不去的原生程序，客服助手无法在其中计时或检查草稿。只有在浏览器里打开的千牛网页（例如网页版聊天记录页）可以读取，目前没有内置配置读取它们：请用“教会客服助手”自己教一下这种页面。',
};
