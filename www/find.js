// The find box: every match in the article painted with the CSS Custom
// Highlight API, the current one in a stronger colour.
//
// Highlights are Ranges over the article's text nodes, so finding changes no
// DOM and never disturbs the annotation marks. The article's text content is
// exactly the article text (chips are CSS), so a match found in the text
// maps to nodes through a table of text-node start offsets.

const MAX_MATCHES = 5000;

export function setupFind({ article, box, count, prev, next }) {
  const supported = typeof Highlight === 'function' && 'highlights' in CSS;
  let ranges = [];
  let at = -1;
  let timer = 0;

  function textIndex() {
    const nodes = [];
    const starts = [];
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let pos = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      starts.push(pos);
      pos += n.data.length;
    }
    return { nodes, starts };
  }

  function locate(index, offset) {
    let lo = 0;
    let hi = index.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (index.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return [index.nodes[lo], offset - index.starts[lo]];
  }

  function paint() {
    if (!supported) return;
    CSS.highlights.set('find', new Highlight(...ranges));
    if (at >= 0 && ranges[at]) CSS.highlights.set('find-current', new Highlight(ranges[at]));
    else CSS.highlights.delete('find-current');
  }

  function report() {
    const q = box.value;
    if (!q) count.textContent = '';
    else if (!ranges.length) count.textContent = 'no matches';
    else count.textContent = `${at + 1} of ${ranges.length}${ranges.length >= MAX_MATCHES ? '+' : ''}`;
    box.setAttribute('aria-invalid', String(Boolean(q) && !ranges.length));
  }

  function search(keepPosition = false) {
    const q = box.value;
    ranges = [];
    const index = textIndex();
    if (q && index.nodes.length) {
      const hay = index.nodes.map((n) => n.data).join('').toLowerCase();
      const needle = q.toLowerCase();
      for (let i = hay.indexOf(needle); i >= 0 && ranges.length < MAX_MATCHES; i = hay.indexOf(needle, i + needle.length)) {
        const range = document.createRange();
        const [sn, so] = locate(index, i);
        const [en, eo] = locate(index, i + needle.length);
        range.setStart(sn, so);
        range.setEnd(en, eo);
        ranges.push(range);
      }
    }
    at = ranges.length ? (keepPosition ? Math.min(Math.max(at, 0), ranges.length - 1) : 0) : -1;
    paint();
    report();
  }

  function go(dir) {
    if (!ranges.length) { search(); if (!ranges.length) return; } else at = (at + dir + ranges.length) % ranges.length;
    paint();
    report();
    ranges[at].startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }

  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { search(); if (ranges.length) go(0); }, 120);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); go(event.shiftKey ? -1 : 1); }
    if (event.key === 'Escape') { box.value = ''; search(); }
  });
  prev.addEventListener('click', () => go(-1));
  next.addEventListener('click', () => go(1));

  return {
    /** The article was redrawn: the old ranges point at detached nodes. */
    refresh() { if (box.value) search(true); },
  };
}
