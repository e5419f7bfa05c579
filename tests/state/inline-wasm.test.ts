/** The library build's inlined wasm is read from its data: URL in memory (src/state/inline-wasm.ts). */
import { env } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { answerDataUrlsInMemory, dataUrlBytes } from '../../src/state/inline-wasm';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('data: URLs read in memory', () => {
  it('decodes base64 and percent-encoded bodies byte for byte', () => {
    const b64 = `data:application/wasm;base64,${Buffer.from(WASM_MAGIC).toString('base64')}`;
    expect([...dataUrlBytes(b64)]).toEqual(WASM_MAGIC);
    expect([...dataUrlBytes('data:text/plain,a%20b')]).toEqual([97, 32, 98]);
    expect(() => dataUrlBytes('https://example.org/x.wasm')).toThrow(expect.objectContaining({ code: 'wasm.notDataUrl' }));
  });

  it("tfjs's platform fetch answers data: URLs itself and leaves other URLs to the network", async () => {
    const platform = env().platform as unknown as { fetch(path: string, init?: unknown): Promise<Response> };
    const calls: string[] = [];
    const original = platform.fetch;
    platform.fetch = (path: string) => {
      calls.push(path);
      return Promise.resolve(new Response('network'));
    };
    try {
      answerDataUrlsInMemory();
      answerDataUrlsInMemory(); // twice: still one layer
      const r = await platform.fetch(`data:application/wasm;base64,${Buffer.from(WASM_MAGIC).toString('base64')}`);
      expect([...new Uint8Array(await r.arrayBuffer())]).toEqual(WASM_MAGIC);
      expect(r.headers.get('Content-Type')).toBe('application/wasm');
      expect(await (await platform.fetch('http://127.0.0.1/x.wasm')).text()).toBe('network');
      expect(calls).toEqual(['http://127.0.0.1/x.wasm']);
    } finally {
      platform.fetch = original;
    }
  });
});
