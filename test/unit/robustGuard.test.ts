/**
 * Issue #8, the server's guard (server/src/lsp/guard.ts): the size-limit and binary-content
 * messages, binary detection, and the request wrapper that logs a crash and answers with an error.
 * Over LSP the same behaviour is tested in test/protocol/robustServer.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Logger } from '../../server/src/logger';
import { BINARY_MESSAGE, contentSkipReason, formatSize, guarded, looksBinary } from '../../server/src/lsp/guard';
import { FUZZ_SEED, HOSTILE_FRAGMENTS, NEWS_FRAGMENTS } from './robustSupport';

const MB = 1024 * 1024;

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, error: (m) => errors.push(m), warn: () => undefined, info: () => undefined, debug: () => undefined };
}

void describe('size limit message', () => {
  void test('the wording of issue #8: "file is 12.4 MB, limit 5 MB — see claimcheck.maxFileSize"', () => {
    const size = Math.round(12.4 * MB);
    assert.equal(contentSkipReason('x'.repeat(size), 5 * MB), 'file is 12.4 MB, limit 5 MB — see claimcheck.maxFileSize');
  });

  void test('sizes: whole megabytes without ".0", one decimal otherwise, KB above 10 KB, characters below', () => {
    assert.equal(formatSize(5 * MB), '5 MB');
    assert.equal(formatSize(5242880), '5 MB');
    assert.equal(formatSize(Math.round(12.4 * MB)), '12.4 MB');
    assert.equal(formatSize(MB + 1), '1 MB');
    assert.equal(formatSize(Math.round(1.05 * MB)), '1.1 MB');
    assert.equal(formatSize(830 * 1024), '830 KB');
    assert.equal(formatSize(100), '100 characters');
  });

  void test('at the limit the document is analysed; one character over, it is not', () => {
    assert.equal(contentSkipReason('a'.repeat(100), 100), null);
    assert.match(contentSkipReason('a'.repeat(101), 100) ?? '', /^file is 101 characters, limit 100 characters — see claimcheck\.maxFileSize$/);
  });
});

void describe('binary detection', () => {
  void test('NUL bytes, control-character soup and undecodable bytes are binary', () => {
    assert.equal(looksBinary('PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'), true);
    assert.equal(looksBinary(`Sales rose 12%.\u0000`), true);
    // Random bytes without a single NUL, decoded as UTF-8 the way an editor opens them: control
    // characters and U+FFFD everywhere.
    const bytes = Uint8Array.from({ length: 4000 }, (_, i) => 1 + ((i * 7919) % 255));
    const decoded = new TextDecoder().decode(bytes);
    assert.ok(!decoded.includes('\u0000'));
    assert.equal(looksBinary(decoded), true);
    assert.equal(looksBinary('\uFFFD\uFFFD\uFFFDab\uFFFD\uFFFD'), true);
    assert.equal(contentSkipReason('\u0000\u0001\u0002', 5 * MB), BINARY_MESSAGE);
    assert.equal(BINARY_MESSAGE, 'binary content — not analysed');
  });

  void test('text is not binary: prose, every script, emoji, tabs, CRLF, form feeds, a stray control character', () => {
    assert.equal(looksBinary(''), false);
    assert.equal(looksBinary(NEWS_FRAGMENTS.join(' ')), false);
    const hostileButText = HOSTILE_FRAGMENTS.filter((f) => !f.includes('\u0000')).join(' ');
    assert.equal(looksBinary(`${hostileButText} ${NEWS_FRAGMENTS.join('\r\n')}`), false);
    assert.equal(looksBinary('Col A\tCol B\r\n1\t2\f\n'), false);
    assert.equal(looksBinary(`A log line with colour \u001b[31mred\u001b[0m. ${'Prose continues here. '.repeat(20)}`), false);
  });

  void test('only the first 8 KB is read: a NUL after it does not make a long text binary', () => {
    const prose = 'Profits rose 12% last year. '.repeat(1000);
    assert.equal(looksBinary(`${prose}\u0000`), false);
    assert.equal(looksBinary(`\u0000${prose}`), true);
  });

  void test('fuzz: never throws, and any text with a NUL in its first 8 KB is binary', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(300), (text, at) => {
        looksBinary(text);
        const i = Math.min(at, text.length);
        assert.equal(looksBinary(text.slice(0, i) + '\u0000' + text.slice(i)), true);
      }),
      { seed: FUZZ_SEED, numRuns: 500 },
    );
  });
});

void describe('guarded request handlers', () => {
  void test('a throwing handler is logged with its stack and answered with an InternalError naming the request', async () => {
    const log = recordingLogger();
    const handler = guarded(log, 'textDocument/hover', (_params: { x: number }): string => {
      throw new TypeError('cannot read properties of undefined');
    });
    await assert.rejects(handler({ x: 1 }), (err: unknown) => {
      assert.ok(err instanceof ResponseError);
      assert.equal(err.code, ErrorCodes.InternalError);
      assert.match(err.message, /ClaimCheck: textDocument\/hover failed: cannot read properties of undefined/);
      return true;
    });
    assert.equal(log.errors.length, 1);
    assert.match(log.errors[0], /^textDocument\/hover failed: TypeError: cannot read properties of undefined\n\s+at /);
  });

  void test('a rejected promise is handled the same way; non-Error throws too', async () => {
    const log = recordingLogger();
    await assert.rejects(guarded(log, 'a', () => Promise.reject(new Error('disk on fire')))(), /ClaimCheck: a failed: disk on fire/);
    await assert.rejects(
      guarded(log, 'b', () => {
        throw 'a string';
      })(),
      /ClaimCheck: b failed: a string/,
    );
    assert.equal(log.errors.length, 2);
  });

  void test('results pass through; a deliberate ResponseError passes through unlogged', async () => {
    const log = recordingLogger();
    assert.equal(await guarded(log, 'ok', (a: number, b: number) => a + b)(2, 3), 5);
    assert.equal(await guarded(log, 'async', (a: number) => Promise.resolve(a * 2))(4), 8);
    const deliberate = new ResponseError(ErrorCodes.InvalidParams, 'no such note');
    await assert.rejects(
      guarded(log, 'note', () => {
        throw deliberate;
      })(),
      (err: unknown) => err === deliberate,
    );
    assert.deepEqual(log.errors, []);
  });
});
