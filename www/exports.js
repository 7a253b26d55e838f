// Exports: the Document as JSON, W3C Web Annotation JSON-LD, brat standoff
// (.txt + .ann), and a standalone HTML snapshot; each can be downloaded or
// copied to the clipboard.
//
// Offsets: the Document's are UTF-16 code units (JS string indices). The Web
// Annotation model counts Unicode code points in TextPositionSelector, and
// brat counts characters as Python does (code points), so both exports
// convert; an article with emoji would otherwise drift. Each annotation
// also carries a TextQuoteSelector (exact text plus 32 characters of prefix
// and suffix), so it can be re-anchored even if offsets are lost.
//
// Web Annotation, brat and HTML export what is shown (the layer and label
// filters apply); paragraphs, sentences and tokens are left out of the
// first two, where they would drown the annotations. The JSON is the whole
// Document plus its text.

const CONTEXT_CHARS = 32;

/** A table from UTF-16 index to code-point index, for every index 0..=length. */
export function codePointIndex(text) {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { map[i + 1] = cp; i++; }
    }
    cp++;
  }
  map[text.length] = cp;
  return map;
}

const ANNOTATED = (s) => !['paragraph', 'sentence', 'token'].includes(s.layer);

/** The Document and its text, as one JSON value. */
export function toJSON(text, doc) {
  return JSON.stringify({ text, ...doc }, null, 2);
}

async function sha256(text) {
  const data = new TextEncoder().encode(text);
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** W3C Web Annotation JSON-LD: an AnnotationCollection with one page. */
export async function toWebAnnotation(text, spans, doc) {
  const source = `urn:sha256:${await sha256(text)}`;
  const cp = codePointIndex(text);
  const items = spans.filter(ANNOTATED).map((s) => {
    const body = [
      { type: 'TextualBody', purpose: 'tagging', value: s.label },
      { type: 'TextualBody', purpose: 'classifying', value: s.layer },
    ];
    if (s.attrs?.speaker_name) body.push({ type: 'TextualBody', purpose: 'describing', value: `speaker: ${s.attrs.speaker_name}` });
    if (s.attrs?.entity !== undefined) body.push({ type: 'TextualBody', purpose: 'identifying', value: `${source}#entity-${s.attrs.entity}` });
    return {
      id: `${source}#span-${s.id}`,
      type: 'Annotation',
      motivation: s.layer === 'entity' || s.layer === 'mention' ? 'identifying' : 'classifying',
      body,
      target: {
        source,
        selector: [
          { type: 'TextPositionSelector', start: cp[s.start], end: cp[s.end] },
          {
            type: 'TextQuoteSelector',
            exact: text.slice(s.start, s.end),
            prefix: text.slice(Math.max(0, s.start - CONTEXT_CHARS), s.start),
            suffix: text.slice(s.end, s.end + CONTEXT_CHARS),
          },
        ],
      },
    };
  });
  return JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `${source}#annotations`,
    type: 'AnnotationCollection',
    label: 'newslens annotations',
    generator: { type: 'Software', name: `newslens ${doc?.version ?? ''}`.trim() },
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  }, null, 2);
}

/** A brat type name: entities keep their label, other layers are prefixed. */
export function bratType(span) {
  const t = span.layer === 'entity' ? span.label : `${span.layer}_${span.label}`;
  return t.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * brat standoff: T lines for spans (split into fragments at line breaks,
 * which brat does not allow inside a fragment), R lines tying quotes to
 * their speaker and cue, and AnnotatorNotes naming document entities.
 */
export function toBrat(text, spans, doc) {
  const cp = codePointIndex(text);
  const lines = [];
  const tOf = new Map();
  let t = 0;
  for (const s of spans.filter(ANNOTATED)) {
    const frags = [];
    const re = /[^\r\n]+/g;
    const piece = text.slice(s.start, s.end);
    for (let m = re.exec(piece); m; m = re.exec(piece)) {
      const a = s.start + m.index;
      const b = a + m[0].length;
      frags.push([a, b]);
    }
    if (!frags.length) continue;
    const id = `T${++t}`;
    tOf.set(s.id, id);
    lines.push(`${id}\t${bratType(s)} ${frags.map(([a, b]) => `${cp[a]} ${cp[b]}`).join(';')}\t${frags.map(([a, b]) => text.slice(a, b)).join(' ')}`);
  }
  let r = 0;
  let note = 0;
  const names = new Map((Array.isArray(doc?.entities) ? doc.entities : []).map((e) => [String(e.id), e.name]));
  for (const s of spans.filter(ANNOTATED)) {
    const me = tOf.get(s.id);
    if (!me) continue;
    if (s.layer === 'quote') {
      const speaker = tOf.get(s.attrs?.speaker);
      if (speaker) lines.push(`R${++r}\tSpeaker Arg1:${me} Arg2:${speaker}`);
      const cue = tOf.get(s.attrs?.cue);
      if (cue) lines.push(`R${++r}\tCue Arg1:${me} Arg2:${cue}`);
    }
    if ((s.layer === 'entity' || s.layer === 'mention') && s.attrs?.entity !== undefined) {
      const name = names.get(String(s.attrs.entity));
      lines.push(`#${++note}\tAnnotatorNotes ${me}\tentity ${s.attrs.entity}${name ? `: ${String(name).replace(/[\t\r\n]+/g, ' ')}` : ''}`);
    }
  }
  return { txt: text, ann: lines.length ? `${lines.join('\n')}\n` : '' };
}

/** `text` as HTML text or a double-quoted attribute value. */
export function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * A standalone HTML page of the annotated article: the page's CSS inlined,
 * no script. Written as a string rather than built as a DOM document: a
 * <style> element made in this page, even in a document of its own, is
 * checked against this page's Content Security Policy (which allows no
 * inline style) and logged as a violation. Every piece of text is escaped:
 * the title and statistics here, the article by the HTML serializer (its
 * text nodes and attribute values), and the CSS cannot close its <style>
 * element early (a `<` in it is written as the CSS escape `\3c `, which CSS
 * reads as the same character).
 */
export function toHTML(article, css, { title, stats, theme }) {
  const copy = /** @type {Element} */ (article.cloneNode(true));
  copy.removeAttribute('tabindex');
  copy.removeAttribute('aria-busy');
  copy.removeAttribute('aria-describedby');
  copy.removeAttribute('style');
  for (const el of copy.querySelectorAll('[tabindex], [aria-describedby]')) { el.removeAttribute('tabindex'); el.removeAttribute('aria-describedby'); }
  for (const el of copy.querySelectorAll('.selected, .linked')) el.classList.remove('selected', 'linked');
  const style = `${css}\nbody{max-width:48rem;margin:2rem auto;padding:0 1rem}`.replace(/</g, '\\3c ');
  return '<!doctype html>\n'
    + `<html lang="en"${theme ? ` data-theme="${escapeHTML(theme)}"` : ''}><head>`
    + '<meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<meta name="generator" content="newslens">'
    + `<title>${escapeHTML(title)}</title>`
    + `<style>${style}</style>`
    + `</head><body><h1>${escapeHTML(title)}</h1><p class="stats">${escapeHTML(stats)}</p>${copy.outerHTML}</body></html>\n`;
}

function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Wires the export buttons: data-export="json|wa|brat|html", data-mode="download|copy". */
export function setupExports({ root, get, article, onError }) {
  const status = root.querySelector('[role="status"]');
  let css = null;

  async function build(format) {
    const s = get();
    if (!s.doc) throw new Error('nothing annotated yet');
    const text = s.docText;
    switch (format) {
      case 'json': return { files: [['newslens.json', toJSON(text, s.doc), 'application/json']] };
      case 'wa': return { files: [['newslens.annotations.jsonld', await toWebAnnotation(text, s.visible, s.doc), 'application/ld+json']] };
      case 'brat': {
        const { txt, ann } = toBrat(text, s.visible, s.doc);
        return { files: [['newslens.ann', ann, 'text/plain'], ['newslens.txt', txt, 'text/plain']] };
      }
      case 'html': {
        css ??= await (await fetch('style.css')).text();
        const stats = document.getElementById('stats')?.textContent ?? '';
        const theme = document.documentElement.dataset.theme;
        return { files: [['newslens.html', toHTML(article, css, { title: 'Annotated article — newslens', stats, theme }), 'text/html']] };
      }
      default: throw new Error(`unknown export ${format}`);
    }
  }

  root.addEventListener('click', async (event) => {
    const b = event.target instanceof Element ? event.target.closest('button[data-export]') : null;
    if (!b) return;
    try {
      const { files } = await build(b.dataset.export);
      if (b.dataset.mode === 'copy') {
        await navigator.clipboard.writeText(files[0][1]);
        status.textContent = `Copied ${files[0][0]} to the clipboard.`;
      } else {
        for (const [name, content, type] of files) download(name, content, type);
        status.textContent = `Saved ${files.map((f) => f[0]).join(' and ')}.`;
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      status.textContent = `Export failed: ${msg}`;
      onError?.(`export failed: ${msg}`);
    }
  });
}
