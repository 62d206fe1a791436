import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page with a button that counts clicks, a text field and a select: something to drive by ref. */
export const COUNTER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Test page</title>
<style>
  body { font: 18px/1.4 sans-serif; margin: 24px; background: #f6f8fa; color: #1d232a; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 16px 20px; width: 420px; }
  button { font-size: 16px; padding: 6px 14px; }
  #status { margin-top: 12px; font-weight: bold; color: #0969da; }
</style></head>
<body>
<div class="card">
  <h1>Hello from the test page</h1>
  <button id="count" onclick="show('status', 'Clicked ' + (++window.n) + ' time')">Count</button>
  <p><label>Your name <input id="name" oninput="show('echo', 'Hi ' + this.value)"></label></p>
  <p id="echo"></p>
  <p><label>Fruit <select id="fruit" onchange="show('picked', 'Picked ' + this.value)">
    <option value="apple">Apple</option><option value="pear">Pear</option></select></label></p>
  <p id="picked"></p>
  <div id="status">Not clicked yet</div>
  <a id="to-gateway" href="#">gateway</a>
</div>
<script>window.n = 0; function show(id, text) { document.getElementById(id).textContent = text; }</script>
</body></html>`;

export interface TestPages {
  port: number;
  url(path?: string): string;
  /** Pages the server was asked for (path of each request). */
  readonly hits: string[];
  close(): Promise<void>;
}

/** A tiny site on 127.0.0.1 for browser tests: `/` is COUNTER_PAGE, `/redirect?to=` redirects. */
export async function startTestPages(): Promise<TestPages> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://pages.invalid');
    hits.push(url.pathname);
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      return res.end();
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(COUNTER_PAGE);
    }
    res.writeHead(404);
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (p = '/') => `http://127.0.0.1:${port}${p}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
