// Maps offsets in an element's textContent back to a text node (to select and replace a phrase
// found by the lint in a rich editor).

export function textNodeAt(root: Node, start: number, end: number): { node: Text; start: number; end: number } | null {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    const next = offset + text.length;
    if (start >= offset && start < next) return end <= next ? { node: text, start: start - offset, end: end - offset } : null;
    offset = next;
  }
  return null;
}
