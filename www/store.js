// What the page keeps in this browser: settings (hidden layers and labels,
// the theme) and a copy of the article text, so that what the person typed
// or pasted survives a reload, a crashed annotator and a closed tab.
// Nothing here is sent anywhere; the Clear button removes the copy.
//
// Settings are small and go to localStorage. The text can be megabytes, and
// a localStorage write is synchronous on the main thread (and its quota a
// few million characters), so a text longer than INLINE_CHARS goes to
// IndexedDB (written off the main thread; the structured-clone copy of
// 1 MB costs about a millisecond) and localStorage keeps only a note that it
// is there. Writes are debounced (see saveDraftSoon): typing into a 1 MB
// article reads the text once per pause (about 2 ms, and 2-7 ms for
// IndexedDB's copy), not once per key; the pending write is made at once
// when the page is hidden or closed. An IndexedDB write completes after the
// page that started it may be gone, so then a long text still unconfirmed
// is also put into localStorage synchronously (a few ms, once, and only if
// it fits the quota): closing the tab right after a paste loses nothing.

const STORE = 'newslens:v1:';
const DRAFT_KEY = `${STORE}draft`;
/** Longer drafts go to IndexedDB. */
const INLINE_CHARS = 100_000;
/** The pause in typing after which the text is saved. */
export const SAVE_DELAY_MS = 400;
const DB = 'newslens';
const DB_STORE = 'drafts';

/** A setting, or `fallback` when there is none (or storage is off). */
export function load(key, fallback) {
  try {
    const v = localStorage.getItem(STORE + key);
    const parsed = v === null ? fallback : JSON.parse(v);
    return Array.isArray(fallback) && !Array.isArray(parsed) ? fallback : parsed;
  } catch {
    return fallback;
  }
}

export function save(key, value) {
  try { localStorage.setItem(STORE + key, JSON.stringify(value)); } catch { /* storage off */ }
}

let db = null;
function openDb() {
  db ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(DB_STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return db;
}

async function idb(mode, op) {
  const conn = await openDb();
  return new Promise((resolve, reject) => {
    const tx = conn.transaction(DB_STORE, mode);
    const req = op(tx.objectStore(DB_STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * The saved text, or null when there is none. Quick for a short text (read
 * from localStorage); a long one waits for IndexedDB.
 * @returns {Promise<string | null>}
 */
export async function loadDraft() {
  let note;
  try { note = localStorage.getItem(DRAFT_KEY); } catch { return null; }
  if (note === null) return null;
  try {
    const held = JSON.parse(note);
    if (typeof held?.text === 'string') return held.text;
    if (held?.in === 'idb') {
      const text = await idb('readonly', (s) => s.get('text'));
      return typeof text === 'string' ? text : null;
    }
  } catch { /* unreadable: as if none */ }
  return null;
}

/** Number of the latest write, so an older IndexedDB write finishing late cannot undo a newer one. */
let writes = 0;
/** The text of an IndexedDB write that has not completed yet, else null. */
let unconfirmed = null;

/**
 * Keeps `text` in localStorage itself: synchronous, so it is done before
 * the page goes away. Only when the page is being hidden or closed with an
 * IndexedDB write still open, which would otherwise be lost with the page
 * (its note is written when the write completes). A text over the quota
 * throws and leaves the older copy.
 */
function keepInline(text) {
  try { localStorage.setItem(DRAFT_KEY, JSON.stringify({ text })); } catch { /* over the quota */ }
}

/**
 * Saves `text` now (null removes the saved copy). `hiding`: the page is
 * being hidden or closed, so a long text is also kept where it survives at
 * once (see keepInline).
 */
export function saveDraft(text, hiding = false) {
  const n = ++writes;
  try {
    if (text === null || text.length <= INLINE_CHARS) {
      unconfirmed = null;
      if (text === null) localStorage.removeItem(DRAFT_KEY);
      else localStorage.setItem(DRAFT_KEY, JSON.stringify({ text }));
      idb('readwrite', (s) => s.delete('text')).catch(() => {});
    } else {
      unconfirmed = text;
      if (hiding) keepInline(text);
      idb('readwrite', (s) => s.put(text, 'text')).then(() => {
        if (n !== writes) return;
        unconfirmed = null;
        localStorage.setItem(DRAFT_KEY, JSON.stringify({ in: 'idb', chars: text.length }));
      }).catch(() => {});
    }
  } catch { /* storage off or full: the text stays in the page */ }
}

let pending = null;
let timer = 0;

/**
 * Saves the text `read()` gives once typing pauses. The text is read then,
 * not at each key (reading a 1 MB article's text joins its chunks).
 * @param {() => string | null} read
 */
export function saveDraftSoon(read) {
  pending = read;
  clearTimeout(timer);
  // Then in an idle moment: a long article's text is a few milliseconds to read and copy,
  // kept out of the frames that draw it.
  timer = setTimeout(() => (globalThis.requestIdleCallback ?? setTimeout)(flushDraft, { timeout: 1000 }), SAVE_DELAY_MS);
}

/** Makes the pending write now. */
export function flushDraft() {
  clearTimeout(timer);
  const read = pending;
  pending = null;
  if (read) saveDraft(read());
}

/** The page is being hidden or closed: what is not yet safely kept is kept now. */
function flushHiding() {
  clearTimeout(timer);
  const read = pending;
  pending = null;
  if (read) saveDraft(read(), true);
  else if (unconfirmed !== null) keepInline(unconfirmed);
}

addEventListener('pagehide', flushHiding);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushHiding(); });
