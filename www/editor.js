// The article text input: <text-editor>, a plain-text editable element with
// a textarea's `value`.
//
// A <textarea> holds its text in one text node, laid out as one inline
// formatting context: in Chromium, each key typed into a 1 MB article cost
// some 20-25 ms of CPU (the edit, layout, prepaint and paint all walked the
// whole text) and the frame after a 1 MB paste ~200 ms. Here the text is
// cut, at line ends, into chunks of some CHUNK_CHARS characters, each a
// block holding one text node, with `content-visibility: auto` (style.css):
// a key re-lays out one chunk, and the browser skips the chunks out of view,
// so a key in a 1 MB article costs ~1.5 ms (traced in a bare page) and a
// paste builds a few hundred blocks.
//
// The browser does the editing (`contenteditable="plaintext-only"`: typing,
// undo, selection, plain-text paste and drop), so it may split, merge and
// fill the blocks as it likes; `value` reads whatever shape it left (a
// block is a line, <br> a line break, text is text), and is cached until
// a MutationObserver sees a change. Large pastes are inserted here rather
// than by the browser, which would put them in one text node, one inline
// layout again; the editor keeps their undo itself (see #undo).

/**
 * Characters per chunk, rounded up to whole lines: the unit the browser
 * skips while off screen, and what one key re-lays out.
 */
const CHUNK_CHARS = 4000;
/**
 * Pastes longer than this are cut into chunks here; shorter ones are
 * left to the browser (so that they can be undone).
 */
const BIG_PASTE_CHARS = 10_000;
/** Edits the editor made itself that Ctrl+Z can take back, at most (each holds the text before it). */
const UNDO_STEPS = 10;
/** A selection over more chunks than this is replaced here (see #editAcross). */
const SPAN_CHUNKS = 2;
/** Edits #editAcross does itself: inputType -> what replaces the selection (null: the event's data). */
const EDITS = new Map([
  ['insertText', null],
  ['insertReplacementText', null],
  ['insertLineBreak', '\n'],
  ['insertParagraph', '\n'],
  ['deleteContentBackward', ''],
  ['deleteContentForward', ''],
  ['deleteWordBackward', ''],
  ['deleteWordForward', ''],
  ['deleteByCut', ''],
]);
/**
 * A chunk longer than this (a line nearly as long) is shown unwrapped: laying out a soft-wrapped
 * line of hundreds of thousands of characters is several times slower.
 */
const LONG_LINE_CHARS = 100_000;

/**
 * The text of `root` as a textarea would hold it; with `stop` = [node,
 * offset] (a DOM position inside root), the offset in that text of the
 * position instead.
 *
 * Blocks (elements other than <br> and inline ones) start and end lines,
 * and adjacent boundaries collapse into one line break, as in innerText. As
 * the browser draws them (white-space: pre-wrap), a '\n' that ends a block's
 * text starts no line, nor does a <br> that ends a block: both are its
 * placeholders for an empty last line (Chromium's Enter at the end of a line
 * adds "\n\n"), so neither is part of the text.
 */
function walk(root, stop = null) {
  const out = [];
  let length = 0;
  let pending = false;
  let started = false;
  /** The last thing emitted was text ending in '\n'. */
  let newlineLast = false;
  /** Appends `s`, after the line break a block boundary left pending. */
  const emit = (s) => {
    if (pending && started) { out.push('\n'); length++; }
    pending = false;
    started = true;
    if (s) { out.push(s); length += s.length; }
    newlineLast = false;
  };
  /** At a block's end: drops its trailing placeholder '\n'. */
  const endBlock = () => {
    if (newlineLast) {
      out[out.length - 1] = out[out.length - 1].slice(0, -1);
      length--;
      newlineLast = false;
    }
    pending = true;
  };
  let found = -1;
  const visit = (node) => {
    let i = 0;
    for (let c = node.firstChild; ; c = c.nextSibling, i++) {
      if (stop && stop[0] === node && stop[1] === i) {
        found = length + (pending && started ? 1 : 0);
        return true;
      }
      if (!c) return false;
      if (c.nodeType === Node.TEXT_NODE) {
        if (stop && stop[0] === c) {
          emit('');
          found = length + stop[1];
          return true;
        }
        if (c.data) {
          emit(c.data);
          newlineLast = c.data.endsWith('\n');
        }
      } else if (c.nodeName === 'BR') {
        emit(c.nextSibling || node === root ? '\n' : '');
      } else if (c.nodeType === Node.ELEMENT_NODE) {
        const block = !INLINE.has(c.nodeName);
        if (block) pending = true;
        if (visit(c)) return true;
        if (block) endBlock();
      }
    }
  };
  if (!visit(root)) endBlock();
  return stop ? (found < 0 ? length : found) : out.join('');
}

const INLINE = new Set(['SPAN', 'B', 'I', 'EM', 'STRONG', 'A', 'FONT', 'U', 'SUB', 'SUP', 'CODE', 'MARK']);

export class TextEditor extends HTMLElement {
  /** The text as last read or set; stale once the observer has records. */
  #text = '';
  #observer = new MutationObserver(() => { this.#stale = true; });
  #stale = false;

  /** Set up once (an element moved in the document is connected again). */
  #wired = false;

  connectedCallback() {
    if (this.#wired) return;
    this.#wired = true;
    this.setAttribute('contenteditable', 'plaintext-only');
    // A browser without plaintext-only (Firefox before 136) keeps the attribute but does not
    // edit: rich editing then, its pastes reduced to plain text here (see #paste).
    if (this.contentEditable !== 'plaintext-only') {
      this.setAttribute('contenteditable', 'true');
      this.#plainOnly = false;
    }
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.addEventListener('paste', (event) => this.#paste(event));
    this.addEventListener('input', (event) => {
      if (event.isTrusted && !event.inputType.startsWith('history')) {
        // The browser's own edit: its undo comes before the editor's (see #undo).
        this.#nativeSince = true;
        this.#redo.length = 0;
      }
      this.#tidy();
    });
    this.addEventListener('keydown', (event) => this.#historyKey(event));
    document.addEventListener('selectionchange', () => this.#keepNear());
    // selectionchange comes in a task of its own, possibly after the next key: checked again before each edit.
    this.addEventListener('beforeinput', (event) => {
      this.#keepNear();
      // Undo or redo from a menu (keys come through #historyKey).
      if (event.inputType === 'historyUndo' || event.inputType === 'historyRedo') {
        if (!this.#nativeSince && this.#history(event.inputType)) event.preventDefault();
        return;
      }
      this.#editAcross(event);
    });
  }

  /** The chunks around the caret, drawn even when off screen (see #keepNear). */
  #near = new Set();
  /** The browser keeps the text plain itself. */
  #plainOnly = true;

  /**
   * Keeps the chunk holding the caret (or either end of the selection) and
   * the chunks next to it out of `content-visibility: auto`'s skipping:
   * Chromium's editing does not lay out a skipped chunk before changing it,
   * and a Backspace at the start of a chunk, merging its first line into a
   * skipped chunk before it, lost that chunk's text.
   */
  #keepNear() {
    const selection = getSelection();
    const near = new Set();
    for (const node of [selection?.anchorNode, selection?.focusNode]) {
      let chunk = node;
      while (chunk && chunk.parentNode !== this) chunk = chunk.parentNode;
      if (!chunk || chunk.nodeType !== Node.ELEMENT_NODE) continue;
      for (const c of [chunk.previousElementSibling, chunk, chunk.nextElementSibling]) if (c) near.add(c);
    }
    for (const c of this.#near) if (!near.has(c)) c.classList.remove('near');
    for (const c of near) if (!this.#near.has(c)) c.classList.add('near');
    this.#near = near;
  }

  /** The text, with line breaks as '\n' (as a textarea's value). */
  get value() {
    if (this.#observer.takeRecords().length) this.#stale = true;
    if (this.#stale) {
      this.#text = walk(this);
      this.#stale = false;
    }
    return this.#text;
  }

  /**
   * Replaces the text (CR LF and CR become LF, as in a textarea); the caret goes to the end and,
   * as a textarea's, the undo history is forgotten.
   */
  set value(value) {
    this.#undo.length = this.#redo.length = 0;
    this.#nativeSince = false;
    const text = this.#fill(String(value ?? ''));
    if (this.contains(document.activeElement) || document.activeElement === this) this.setCaret(text.length);
  }

  /** Replaces the content with `value` in chunks of whole lines; returns the text as `value` will read it. */
  #fill(value) {
    const text = value.replace(/\r\n?/g, '\n');
    const chunks = [];
    let longest = 0;
    for (let start = 0; text;) {
      // Whole lines, at least CHUNK_CHARS of them; the '\n' after a chunk is its block's end.
      let end = text.indexOf('\n', start + CHUNK_CHARS);
      if (end < 0) end = text.length;
      const chunk = document.createElement('div');
      chunk.className = 'chunk';
      if (end > start) chunk.append(text.slice(start, end));
      // An empty last line gets the placeholder the browser puts there itself, or it would not show.
      if (end === start || text[end - 1] === '\n') chunk.append(document.createElement('br'));
      chunks.push(chunk);
      longest = Math.max(longest, end - start);
      if (end === text.length) break;
      start = end + 1;
    }
    this.replaceChildren(...chunks);
    this.classList.toggle('long-lines', longest > LONG_LINE_CHARS);
    this.#observer.takeRecords();
    this.#text = text;
    this.#stale = false;
    return text;
  }

  /** Puts the caret at `offset` in the text and scrolls it into view. */
  setCaret(offset) {
    const selection = getSelection();
    if (!selection) return;
    let rest = offset;
    for (const chunk of this.children) {
      const node = chunk.firstChild;
      const length = node?.nodeType === Node.TEXT_NODE ? node.data.length : 0;
      if (rest <= length) {
        if (length) selection.collapse(node, rest); else selection.collapse(chunk, 0);
        // Scrolled so that the caret's line shows (the rect lays out this chunk only).
        const range = document.createRange();
        range.setStart(selection.anchorNode, selection.anchorOffset);
        let line = range.getBoundingClientRect();
        if (!line.height) line = chunk.getBoundingClientRect();
        const box = this.getBoundingClientRect();
        if (line.bottom > box.bottom) this.scrollTop += line.bottom - box.bottom + line.height;
        else if (line.top < box.top) this.scrollTop -= box.top - line.top + line.height;
        return;
      }
      rest -= length + 1;
    }
    selection.collapse(this, this.childNodes.length);
  }

  /** Selects all the text, as textarea.select() does. */
  select() {
    getSelection()?.selectAllChildren(this);
  }

  /** The selection as [start, end] offsets in the text (the end of the text when it is elsewhere). */
  selectionOffsets() {
    const selection = getSelection();
    const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
    if (!range || !this.contains(range.commonAncestorContainer)) {
      const end = this.value.length;
      return [end, end];
    }
    return [walk(this, [range.startContainer, range.startOffset]), walk(this, [range.endContainer, range.endOffset])];
  }

  /** Whether the selection spans more than SPAN_CHUNKS chunks. */
  #selectionIsWide() {
    const selection = getSelection();
    if (!selection?.rangeCount || selection.isCollapsed) return false;
    const range = selection.getRangeAt(0);
    const index = (node, offset) => {
      if (node === this) return offset;
      while (node && node.parentNode !== this) node = node.parentNode;
      return node ? Array.prototype.indexOf.call(this.childNodes, node) : -1;
    };
    const start = index(range.startContainer, range.startOffset);
    const end = index(range.endContainer, range.endOffset);
    return start >= 0 && end >= 0 && end - start > SPAN_CHUNKS;
  }

  /**
   * The editor's own edits (a large paste, a key over a wide selection), newest last, as
   * {text before, selection before}. The browser's undo history does not know them (the chunks
   * were rebuilt; its older steps point at chunks no longer in the editor and change nothing), so
   * Ctrl+Z steps back through them here once the browser has undone its own edits made since:
   * typing after select all, then Ctrl+Z, takes back the typing, then the whole article is back.
   * Ctrl+Shift+Z (Ctrl+Y) redoes what was undone here, until the next edit.
   */
  #undo = [];
  #redo = [];
  /** The browser made an edit since the editor's last own edit, undo or redo. */
  #nativeSince = false;

  /** Ctrl+Z / Cmd+Z, Ctrl+Shift+Z, Ctrl+Y: the editor's own history when its turn (see #undo). */
  #historyKey(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const type = key === 'z' ? (event.shiftKey ? 'historyRedo' : 'historyUndo') : key === 'y' && !event.shiftKey ? 'historyRedo' : null;
    if (!type) return;
    if (!this.#nativeSince) {
      if (this.#history(type)) event.preventDefault();
      return;
    }
    if (type === 'historyRedo' || !this.#undo.length) return;
    // The browser undoes first; when its undo changed nothing, it had no more of its own.
    const before = this.value;
    setTimeout(() => {
      if (this.value !== before) return;
      this.#nativeSince = false;
      this.#history(type);
    });
  }

  /** Undoes or redoes the editor's latest own edit; false when there is none. */
  #history(inputType) {
    const [from, to] = inputType === 'historyUndo' ? [this.#undo, this.#redo] : [this.#redo, this.#undo];
    const step = from.pop();
    if (!step) return false;
    to.push({ text: this.value, selection: this.selectionOffsets() });
    this.#nativeSince = false;
    this.#fill(step.text);
    this.setCaret(step.selection[1]);
    this.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
    return true;
  }

  /** Replaces the selection with `data` here, the text rebuilt in chunks, and says so with an input event. */
  #replaceSelection(data, inputType) {
    const [start, end] = this.selectionOffsets();
    const text = this.value;
    this.#undo.push({ text, selection: [start, end] });
    if (this.#undo.length > UNDO_STEPS) this.#undo.shift();
    this.#redo.length = 0;
    this.#nativeSince = false;
    this.#fill(text.slice(0, start) + data + text.slice(end));
    this.setCaret(start + data.length);
    this.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data: inputType === 'insertText' ? data : null }));
  }

  /**
   * Typing or deleting over a selection of many chunks (select all, then a
   * key) is done here: Chromium's own edit took 1.4 s of CPU on a 1 MB
   * article, the rebuild takes a paste's time. (Undone by the editor, as a large paste.)
   */
  #editAcross(event) {
    if (!EDITS.has(event.inputType) || !this.#selectionIsWide()) return;
    const replacement = EDITS.get(event.inputType);
    event.preventDefault();
    this.#replaceSelection(replacement === null ? (event.data ?? '') : replacement, event.inputType);
  }

  /** Inserts a long plain-text paste (the browser would make it one text node), or one over a wide selection, in chunks. */
  #paste(event) {
    const data = event.clipboardData?.getData('text/plain');
    if (data === undefined) return;
    const html = data ? '' : event.clipboardData.getData('text/html');
    if (html) {
      // Markup with no plain-text version: reduced to its text as an opened .html file is (an
      // inert parse, nothing loaded or run); left to the browser, a wide selection was only deleted.
      event.preventDefault();
      import('./files.js').then(({ textFromHTML }) => this.#replaceSelection(textFromHTML(html), 'insertFromPaste'));
      return;
    }
    if (data.length <= BIG_PASTE_CHARS && !this.#selectionIsWide()) {
      if (this.#plainOnly) return;
      event.preventDefault();
      document.execCommand('insertText', false, data);
      return;
    }
    event.preventDefault();
    this.#replaceSelection(data.replace(/\r\n?/g, '\n'), 'insertFromPaste');
  }

  /** An emptied editor holds nothing (not the browser's <div><br></div>), so its placeholder shows. */
  #tidy() {
    if (this.childElementCount > 1 || (this.firstElementChild?.childElementCount ?? 0) > 1) return;
    if (this.firstChild && this.value === '') this.replaceChildren();
  }
}

customElements.define('text-editor', TextEditor);
