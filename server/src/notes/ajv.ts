/**
 * The JSON Schema validator (ajv, draft 2020-12), loaded on first use. Loading ajv and its
 * format checkers takes about 12 ms, and most starts of the server never validate anything (a
 * workspace without notes files, no import): they should not pay for it (issue #7).
 */
import type Ajv2020 from 'ajv/dist/2020';
import type { Options } from 'ajv/dist/2020';

type Format = 'date' | 'date-time' | 'uri';

export function createAjv(options: Options, formats: readonly Format[] = []): Ajv2020 {
  // A require() inside the function, not an import: esbuild then runs ajv's modules only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
  const ajv = new Ajv(options);
  if (formats.length > 0) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
    addFormats(ajv, [...formats]);
  }
  return ajv;
}
