// Renders an annotated text as nested highlight elements, incrementally.
//
// Like displaCy's render_ents, it walks the sorted spans with a cursor and
// emits the text between them; unlike it, spans may nest (paragraph ⊃
// sentence ⊃ quote ⊃ entity) and may even cross (a quote running over two
// sentences). At every boundary the set of open spans is sorted into the
// nesting we want (paragraphs, then sentences, then longer before shorter)
// and the open elements are closed and reopened as needed, so a crossing span
// becomes several fragments that share a data-id: the first carries
// `cut-end`, the next `cut-start`, and only the last one shows the chip.
//
// Article text only ever enters the DOM through createTextNode. The walk
// works in time slices and yields between them, so a 1 MB article never
// blocks the main thread for long; `cancel()` stops a render that a newer
// document has made stale.

/** From this many UTF-16 units on, a document is drawn with content-visibility: auto. */
const LARGE_CHARS = 100_000;
/**
 * Paragraphs per chunk in a long document. A chunk that comes into view (or
 * near it) is styled and laid out as a whole in one frame, on top of that
 * frame's fixed cost (prepaint, paint and commit of the page, 15-25 ms with a
 * 1 MB text area): 40 paragraphs of the reference article took some 35 ms of
 * style and layout, 20 take about 12. style.css sizes an unrendered chunk to match.
 */
const CHUNK_PARAS = 20;
/**
 * Paragraphs in the first chunk, the one built in the page: enough to fill a
 * screen and the margin past it in which the browser draws a chunk with
 * `content-visibility: auto` as soon as it is attached (a chunk attached
 * there costs its frame a second style, layout and prepaint pass).
 */
const FIRST_CHUNK_PARAS = 20;

/** Layers that tile the text and are always drawn outermost, in this order. */
const OUTER = { paragraph: 0, sentence: 1 };
/** Containers before contents when two spans share a range (as in doc.rs). */
const RANK = { paragraph: 0, sentence: 1, quote: 2, source: 3, entity: 4, mention: 5, cue: 6, hedge: 7, token: 8 };

function nest(a, b) {
  return (OUTER[a.layer] ?? 2) - (OUTER[b.layer] ?? 2)
    || b.end - a.end
    || (RANK[a.layer] ?? 9) - (RANK[b.layer] ?? 9)
    || a.start - b.start
    || a.id - b.id;
}

/**
 * Waits until the browser has drawn a frame (style and layout of what the
 * last slice added happen there), then continues in a fresh task. Yielding
 * with scheduler.yield() alone lets slices outrun frames, and the styling of
 * many slices then lands in one long task. A hidden page gets no frames, so
 * it just takes turns with other tasks.
 */
const yieldToBrowser = () => new Promise((resolve) => {
  if (document.hidden) setTimeout(resolve, 0);
  else requestAnimationFrame(() => setTimeout(resolve, 0));
});

/**
 * Yields to the browser without waiting for a frame: for slices that only
 * build elements outside the document, which give a frame nothing to do.
 * (A message, unlike a chain of zero-delay timers, is not clamped to 4 ms.)
 */
const yieldTask = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(undefined);
  channel.port2.postMessage(null);
});

/**
 * Whether the user has pressed a key or clicked and the browser waits for
 * the main thread to handle it (Chromium's isInputPending; false where it
 * is missing): a slice then ends early rather than making the key wait out
 * the rest of its time.
 */
const inputPending = () => Boolean(navigator.scheduling?.isInputPending?.());

/**
 * In a long document only the first chunk is built in the page; the next
 * ones are built outside it and attached at most this often. Every change to
 * the page costs a frame (style, layout, prepaint, paint and commit of the
 * whole page, some 20-30 ms on a 1 MB article even when the new content is
 * off screen), while building elements outside the document costs no frame.
 */
const ATTACH_MS = 500;

/**
 * Starts rendering `text` with `spans` (wire spans: {id, layer, label, start,
 * end, attrs}) into a new element. `onFirstSlice(root)` is called once the
 * first slice is built (swap it into the page then, so a short document
 * appears at once without flicker); the returned promise resolves to `true`
 * when the render completes, `false` when it was cancelled.
 *
 * @param {string} text
 * @param {Array<object>} spans visible spans, any order
 * Paragraph spans always become blocks (`div.para`), the unit the browser
 * can skip laying out while off screen; with `plainParagraphs` they are
 * drawn as plain blocks, not as highlights of the paragraph layer.
 *
 * `hold()`, when given, returns a time (on performance.now()'s clock) before
 * which no further slice runs: the page holds drawing while the user types,
 * so that keystrokes get the main thread (the text just changed, so what is
 * being drawn is stale anyway).
 *
 * @param {{decorate?: (el: Element, span: object) => void, onFirstSlice?: (root: Element) => void, sliceMs?: number, plainParagraphs?: boolean, hold?: () => number}} opts
 */
export function render(text, spans, opts = {}) {
  const started = performance.now();
  const sliceMs = opts.sliceMs ?? 8;
  // In a long document, a slice that builds in the page gets a quarter of
  // the time (about 10 paragraphs), since the frame after it styles and lays
  // out all it built.
  const large = text.length > LARGE_CHARS && !opts.noChunks;
  const pageSliceMs = large ? sliceMs / 4 : sliceMs;
  const plainParagraphs = Boolean(opts.plainParagraphs);
  const decorate = opts.decorate ?? (() => {});
  let cancelled = false;

  // The walk needs the spans by start only (the nesting at each boundary is
  // sorted there); the core already returns them so, so sorting is skipped then.
  const sorted = spans.filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length);
  let inOrder = true;
  for (let i = 1; i < sorted.length && inOrder; i++) inOrder = sorted[i - 1].start <= sorted[i].start;
  if (!inOrder) sorted.sort((a, b) => a.start - b.start);
  // Every start and end, sorted and deduplicated (a typed array sorts numbers natively).
  const cuts = new Uint32Array(sorted.length * 2 + 2);
  cuts[0] = 0;
  cuts[1] = text.length;
  sorted.forEach((s, i) => { cuts[2 * i + 2] = s.start; cuts[2 * i + 3] = s.end; });
  cuts.sort();
  const bounds = [];
  for (const c of cuts) if (bounds.length === 0 || bounds[bounds.length - 1] !== c) bounds.push(c);
  const hasParagraphs = sorted.some((s) => s.layer === 'paragraph');

  const root = document.createElement('div');
  // Long documents let the browser skip paragraphs that are off screen (CSS);
  // short ones are always fully laid out, so that they print and capture whole.
  root.className = large ? 'doc large' : 'doc';
  // In a long document, top-level content goes into chunks of CHUNK_PARAS
  // paragraphs; a chunk off screen is skipped as a whole (CSS), so the browser
  // tracks a few hundred boxes rather than every paragraph.
  let shelf = root;
  let parasOnShelf = 0;
  /** Finished chunks built outside the page, not yet attached to `root`. */
  const waiting = [];
  const newShelf = () => {
    if (shelf !== root && shelf.parentNode !== root) waiting.push(shelf);
    shelf = document.createElement('div');
    shelf.className = 'chunk';
    // The first chunk goes in at once (the top of the article shows while the rest is built).
    if (!root.firstChild) root.append(shelf);
    parasOnShelf = 0;
  };
  if (large) newShelf();
  const attachWaiting = () => {
    if (waiting.length) root.append(...waiting.splice(0));
  };

  const done = (async () => {
    /** @type {{span: object, el: Element}[]} */
    const stack = [];
    let active = [];
    let next = 0;
    let pos = 0;
    let first = true;
    // In a long document the first slice's time includes the sorting above
    // (10-30 ms for a 1 MB article), so that the task that starts the render
    // stays short; the first slice is then a few boundaries, and the rest of
    // the first chunk follows in the next slices.
    let deadline = (large ? started : performance.now()) + pageSliceMs;
    let attachBy = performance.now() + ATTACH_MS;
    /** Waits while `hold()` says so. */
    const held = async () => {
      for (let until = opts.hold?.() ?? 0; until > performance.now() && !cancelled; until = opts.hold?.() ?? 0) {
        await new Promise((resolve) => setTimeout(resolve, until - performance.now()));
      }
    };

    for (let bi = 0; bi < bounds.length; bi++) {
      const b = bounds[bi];
      if (b > pos) {
        const node = document.createTextNode(text.slice(pos, b));
        const top = stack.length ? stack[stack.length - 1].el : shelf;
        if (!stack.length && hasParagraphs && /^\s+$/.test(node.data)) {
          // Line breaks between paragraph blocks: kept for copying, drawn by CSS margins.
          const gap = document.createElement('span');
          gap.className = 'gap';
          gap.append(node);
          shelf.append(gap);
        } else {
          top.append(node);
        }
        pos = b;
      }
      if (active.length) active = active.filter((s) => s.end > b);
      while (next < sorted.length && sorted[next].start <= b) {
        if (sorted[next].end > b) active.push(sorted[next]);
        next++;
      }
      const want = active.length > 1 ? active.slice().sort(nest) : active;
      let k = 0;
      while (k < stack.length && k < want.length && stack[k].span === want[k]) k++;
      while (stack.length > k) {
        const { span, el } = stack.pop();
        if (span.end > b) el.classList.add('cut-end');
      }
      if (large && !stack.length && parasOnShelf >= (shelf === root.firstChild ? FIRST_CHUNK_PARAS : CHUNK_PARAS)) newShelf();
      for (; k < want.length; k++) {
        const span = want[k];
        if (span.layer === 'paragraph' && !stack.length) parasOnShelf++;
        const el = document.createElement(span.layer === 'paragraph' ? 'div' : 'mark');
        if (span.layer === 'paragraph' && plainParagraphs) {
          el.className = 'para';
        } else {
          el.className = span.layer === 'paragraph' ? 'para hl l-paragraph' : `hl l-${span.layer}`;
          el.dataset.id = String(span.id);
          el.dataset.layer = span.layer;
          el.dataset.label = span.label;
          if (span.start < b) el.classList.add('cut-start');
          decorate(el, span);
        }
        (stack.length ? stack[stack.length - 1].el : shelf).append(el);
        stack.push({ span, el });
      }

      if ((bi & 31) === 31 && (performance.now() > deadline || inputPending())) {
        if (first) { first = false; opts.onFirstSlice?.(root); }
        // Slices that changed the page wait for its frame; slices building a detached chunk do not.
        if (shelf.parentNode === root || !large) await yieldToBrowser(); else await yieldTask();
        await held();
        if (cancelled) return false;
        // Attached after a hold, not before it: the frame that styles and lays out
        // the new chunks would otherwise delay the paint of a key just typed.
        if (waiting.length && performance.now() > attachBy) {
          attachWaiting();
          attachBy = performance.now() + ATTACH_MS;
        }
        deadline = performance.now() + (shelf.parentNode === root ? pageSliceMs : sliceMs);
      }
    }
    if (large && shelf.parentNode !== root) {
      if (!first) {
        await held();
        if (cancelled) return false;
      }
      attachWaiting();
      root.append(shelf);
    }
    if (first) opts.onFirstSlice?.(root);
    return true;
  })();

  return { root, done, cancel: () => { cancelled = true; } };
}
