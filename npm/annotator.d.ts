// Types of annotator.js (the page's own worker helper, shipped as is):
// the core in a module Web Worker, answering with promises. Written from
// annotator.js's JSDoc, with the core's declared Document in place of its
// loose one; tests/npm type-checks a use of it against these.
import type { Document, Layer, Span } from './pkg/newslens.js';

/** Options of one request. */
export interface AnnotateOptions {
  /** The layers to return (default: all). */
  layers?: Layer[];
  /** Aborting it cancels the request: its promise rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
}

/** A Document with what the worker measured and counted on the way. */
export interface Annotation {
  doc: Document;
  /** Spans per layer and per `layer:label`. */
  counts: { layers: Record<string, number>; labels: Record<string, number> };
  /** Time the core took, in the worker, in milliseconds. */
  ms: number;
  /** The core's version. */
  version: string;
  spanById: Map<number, Span>;
}

/** Options for `createAnnotator`. */
export interface AnnotatorOptions {
  /** A worker already running worker.js to adopt; whoever started it sends it its `{ module }` message. */
  worker?: Worker;
  /** The compiled core, posted to every worker this annotator starts (else each fetches and compiles the .wasm itself). */
  module?: WebAssembly.Module | null | Promise<WebAssembly.Module | null>;
  /** An error the adopted worker raised before it was adopted. */
  startError?: ErrorEvent | Event | null;
}

/** The core running in a Web Worker (in Node, on the calling thread: see index.node.js). */
export interface Annotator {
  /**
   * Annotates `text` off the main thread. Requests are answered one at a
   * time, in order; rejects with the core's error (text too long, bad
   * options), or after a wasm trap, whose worker is then replaced.
   */
  annotate(text: string, options?: AnnotateOptions): Promise<Document>;
  /** As `annotate`, with the worker's counts and timing. */
  annotateDetailed(text: string, options?: AnnotateOptions): Promise<Annotation>;
  /** Stops the worker; pending and later requests reject. */
  close(): void;
}

/** Starts the core in a module Web Worker (`./worker.js` beside this module). */
export function createAnnotator(options?: AnnotatorOptions): Annotator;
