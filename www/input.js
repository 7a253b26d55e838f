// The article text coming in: typing and pasting into the editor
// (editor.js), the Sample and Clear buttons, a file opened or dropped
// (files.js), a share link opened in this tab (share.js); and the copy of
// the text kept in this browser (store.js) as it changes.
//
// Typing is debounced (DEBOUNCE_MS); a paste, an opened file or a share
// link is annotated at once. While keys come fast, drawing the article
// pauses (`holdUntil`, read by view.js and render.js).

import { saveDraft, saveDraftSoon } from './store.js';

const $ = (id) => document.getElementById(id);

const DEBOUNCE_MS = 150;

/**
 * While keys come faster than this, drawing a long article pauses: a frame
 * that also styles and lays out a slice of the article (5-15 ms of CPU)
 * makes the key wait for its paint, and the text just changed anyway.
 */
const TYPING_HOLD_MS = 250;

/**
 * Wires the input side of the page. `annotate(text)` asks for `text` now;
 * `typing()` says a key changed the text (the answer on its way is stale);
 * `notice(message)` shows a problem with the input itself ('' clears it);
 * `sample` is the text the Sample button restores.
 * @param {{ input: import('./editor.js').TextEditor, sample: string, annotate: (text: string) => void, typing: () => void, notice: (message: string) => void }} options
 */
export function setupInput({ input, sample, annotate, typing, notice }) {
  let timer = 0;
  /** A request is due when `timer` fires. */
  let debouncing = false;
  let pasted = false;
  let typingUntil = 0;

  /** The text to keep: none for the sample (the page opens with it anyway) or an empty box. */
  const draftOf = (text) => (text === '' || text === sample ? null : text);

  // Capture: before the editor's own listener, which inserts a large paste (and fires 'input') itself.
  input.addEventListener('paste', () => { pasted = true; }, true);
  input.addEventListener('input', (event) => {
    clearTimeout(timer);
    const paste = pasted || event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop';
    pasted = false;
    saveDraftSoon(() => draftOf(input.value));
    if (!paste) typingUntil = performance.now() + TYPING_HOLD_MS;
    notice('');
    if (paste) { debouncing = false; annotate(input.value); return; }
    debouncing = true;
    // The answer on its way is for the text before this key.
    typing();
    timer = setTimeout(() => { debouncing = false; annotate(input.value); }, DEBOUNCE_MS);
  });

  /**
   * Replaces the text (sample, file, share link, clear) and annotates it at
   * once; `keep: false` leaves the saved copy as it is (the page's own
   * opening text).
   */
  function setText(text, { keep = true } = {}) {
    notice('');
    input.value = text;
    clearTimeout(timer);
    debouncing = false;
    if (keep) saveDraft(draftOf(text));
    annotate(text);
  }

  $('sample').addEventListener('click', () => setText(sample));
  $('clear').addEventListener('click', () => { setText(''); input.focus(); });

  const fileInput = /** @type {HTMLInputElement} */ ($('file'));
  $('open').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) openFile(file);
    fileInput.value = '';
  });

  async function openFile(file) {
    try {
      const { textFromFile } = await import('./files.js');
      setText(await textFromFile(file));
    } catch (err) {
      notice(err instanceof Error ? err.message : String(err));
    }
  }

  const dropZone = $('input-pane');
  dropZone.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    dropZone.classList.add('dropping');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dropping'));
  dropZone.addEventListener('drop', (event) => {
    dropZone.classList.remove('dropping');
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    openFile(file);
  });

  window.addEventListener('hashchange', () => {
    import('./share.js').then(({ readShareFragment }) => readShareFragment(location.hash))
      // A shared text is in its link: the person's own saved text stays until they edit this one.
      .then((text) => { if (text !== null) setText(text, { keep: false }); }, (err) => notice(err.message));
  });

  return {
    setText,
    /** Until when drawing should pause (a performance.now() time). */
    holdUntil: () => typingUntil,
    /** Whether a request is due when the typing pause ends. */
    debouncing: () => debouncing,
  };
}
