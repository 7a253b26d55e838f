// Text from an opened or dropped file: .txt and .md as they are, .html
// reduced to its text.
//
// HTML is parsed with DOMParser, which builds an inert document: scripts do
// not run, images and styles do not load, event handlers never fire. Only
// text is taken from it, with line breaks where blocks end, so paragraphs
// survive. Anything else that is not text is refused with a message.

const MAX_FILE_BYTES = 32 << 20;
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'SVG', 'MATH', 'IFRAME', 'OBJECT']);

/** The text of an HTML string, with blank lines between blocks. */
export function textFromHTML(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        out.push(child.data.replace(/\s+/g, ' '));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.nodeName.toUpperCase();
        if (SKIP.has(tag)) continue;
        const block = BLOCKS.has(tag);
        if (block) out.push('\n');
        walk(child);
        if (block) out.push('\n');
      }
    }
  };
  walk(doc.body ?? doc.documentElement);
  return out.join('')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Reads a .txt, .md or .html file as text. */
export async function textFromFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`${file.name} is ${file.size} bytes; files up to ${MAX_FILE_BYTES} bytes can be opened`);
  }
  const name = file.name.toLowerCase();
  const isHTML = /\.(html?|xhtml)$/.test(name) || file.type === 'text/html';
  const isText = isHTML || /\.(txt|md|markdown|text)$/.test(name) || file.type.startsWith('text/') || file.type === '';
  if (!isText) throw new Error(`${file.name} is not a text file (open a .txt, .md or .html file)`);
  const text = await file.text();
  return isHTML ? textFromHTML(text) : text;
}
