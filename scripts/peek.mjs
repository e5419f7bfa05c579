import { chromium } from 'playwright-core';
import { preview } from 'vite';
const server = await preview({ root: '/work/main', preview: { host: '127.0.0.1', port: 0 }, logLevel: 'error' });
const url = server.resolvedUrls.local[0] + (process.argv[2] ?? '');
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const p = await b.newPage({ viewport: { width: +(process.argv[3] ?? 1280), height: +(process.argv[4] ?? 800) } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(url);
await p.waitForTimeout(+(process.env.WAIT ?? 3000));
await p.screenshot({ path: process.env.SHOT ?? '/tmp/peek.png', fullPage: !process.env.VIEWPORT_ONLY });
console.log(
  await p.evaluate(() => {
    const walk = (n) =>
      n.shadowRoot
        ? walk(n.shadowRoot)
        : [...n.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : c.shadowRoot ? walk(c.shadowRoot) : walk(c))).join(' ');
    return walk(document.body).replace(/\s+/g, ' ').slice(0, 2500);
  }),
);
await b.close();
await server.close();
