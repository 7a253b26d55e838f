// Share links: the text, deflate-compressed (CompressionStream) and
// base64url-encoded, in the URL fragment. A fragment is never sent to a
// server, so the article stays between the people who share the link.
//
// Links are capped at MAX_FRAGMENT characters of fragment, which keeps them
// usable in mail and chat clients (many truncate longer URLs); longer texts
// get a message that says how long the link would be.

export const SHARE_PREFIX = '#text=';
export const MAX_FRAGMENT = 64 * 1024;

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The fragment (with its '#text=' prefix) that carries `text`. */
export async function encodeShare(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return SHARE_PREFIX + toBase64url(packed);
}

/** The text in a '#text=' fragment, or null when the fragment is something else. */
export async function readShareFragment(hash) {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64url(hash.slice(SHARE_PREFIX.length)), new DecompressionStream('deflate-raw'));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('this share link is damaged or incomplete; the text could not be read from it');
  }
}

export function setupShare({ button, output, message, getText }) {
  button.addEventListener('click', async () => {
    output.hidden = true;
    const fragment = await encodeShare(getText());
    if (fragment.length > MAX_FRAGMENT) {
      message.textContent = `Too long to share as a link: it would need ${Math.ceil(fragment.length / 1024)} KB, and links are limited to ${MAX_FRAGMENT / 1024} KB. Export the text or JSON instead.`;
      message.classList.add('warn');
      return;
    }
    const url = `${location.origin}${location.pathname}${fragment}`;
    output.value = url;
    output.hidden = false;
    message.classList.remove('warn');
    try {
      await navigator.clipboard.writeText(url);
      message.textContent = `Link copied (${Math.ceil(url.length / 1024)} KB). The text travels in the link, never to a server.`;
    } catch {
      message.textContent = 'Copy the link below. The text travels in the link, never to a server.';
      output.select();
    }
  });
}
