// Types of annotator.js: the core in a Web Worker, answering with promises.
import type { Document, Options } from './pkg/newslens.js';

/** Options for `createAnnotator`. */
export interface AnnotatorOptions {}

/** A core running in a Web Worker (in Node: on the calling thread). */
export interface Annotator {
  /** Annotates `text` off the main thread; rejects with the core's error (text too long, bad options). */
  annotate(text: string, options?: Options): Promise<Document>;
  /** Ends the worker; later calls reject. */
  close(): void;
}

/** Starts a worker that loads the core once (`./worker.js` beside this module). */
export function createAnnotator(options?: AnnotatorOptions): Annotator;
