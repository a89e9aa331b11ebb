"""The API's reference page, offline: one HTML page and one script, both served from here.

The usual interactive pages load their assets from a CDN, which a hospital network may block
and which would learn who reads the docs. This page fetches ``openapi.json`` from the same
server and lists every operation with its parameters, body schema and responses. Strict CSP
(same origin only, no inline script); text goes in with ``textContent``, never as markup.
``[api] docs = false`` turns the page off together with the schema.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hipaa-auditor API</title>
<link rel="stylesheet" href="docs/page.css"></head>
<body><h1>hipaa-auditor API</h1>
<p>Every call but <code>/healthz</code> needs <code>Authorization: Bearer &lt;token&gt;</code>.
Machine-readable schema: <a href="openapi.json">openapi.json</a>.</p>
<main id="ops">Loading the schema...</main>
<script src="docs/page.js"></script></body></html>
"""

_CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em}
section{border-top:1px solid #ccc;padding:.5em 0}h2{font-size:1.1em;margin:.3em 0}
.m{display:inline-block;min-width:4.5em;font-weight:bold}pre{background:#f4f4f4;padding:.5em;
overflow:auto;font-size:12px}table{border-collapse:collapse}td,th{border:1px solid #ddd;
padding:2px 6px;text-align:left;vertical-align:top}
"""

_JS = r"""'use strict';
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function resolve(spec, s, depth) {
  if (!s || typeof s !== 'object' || depth > 6) return s;
  if (s.$ref) {
    const target = s.$ref.split('/').slice(1).reduce((o, k) => o[k], spec);
    return resolve(spec, target, depth + 1);
  }
  const out = Array.isArray(s) ? [] : {};
  for (const [k, v] of Object.entries(s)) out[k] = resolve(spec, v, depth + 1);
  return out;
}
function row(table, cells) {
  const tr = el('tr');
  for (const c of cells) tr.appendChild(el('td', c));
  table.appendChild(tr);
}
function render(spec) {
  const main = document.getElementById('ops');
  main.textContent = '';
  main.appendChild(el('p', spec.info.description || ''));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = el('section');
      const h = el('h2');
      h.appendChild(el('span', method.toUpperCase(), 'm'));
      h.appendChild(el('code', path));
      sec.appendChild(h);
      sec.appendChild(el('p', op.description || op.summary || ''));
      if (op.parameters && op.parameters.length) {
        const t = el('table');
        row(t, ['parameter', 'in', 'required', 'schema', 'description']);
        for (const p of op.parameters) {
          row(t, [p.name, p.in, p.required ? 'yes' : '', JSON.stringify(resolve(spec, p.schema, 0)),
                  p.description || '']);
        }
        sec.appendChild(t);
      }
      const body = op.requestBody && op.requestBody.content['application/json'];
      if (body) {
        sec.appendChild(el('p', 'Body (application/json):'));
        sec.appendChild(el('pre', JSON.stringify(resolve(spec, body.schema, 0), null, 2)));
      }
      const t = el('table');
      row(t, ['status', 'meaning']);
      for (const [code, r] of Object.entries(op.responses)) row(t, [code, r.description]);
      sec.appendChild(t);
      main.appendChild(sec);
    }
  }
}
fetch('openapi.json').then(r => r.json()).then(render).catch(e => {
  document.getElementById('ops').textContent = 'Could not load openapi.json: ' + e;
});
"""


def docs_router() -> APIRouter:
    """``GET docs`` (the page), ``docs/page.js`` and ``docs/page.css``, outside the schema."""
    router = APIRouter(include_in_schema=False)
    headers = {"Content-Security-Policy": CSP}

    @router.get("/docs")
    def page() -> HTMLResponse:
        return HTMLResponse(_HTML, headers=headers)

    @router.get("/docs/page.js")
    def script() -> Response:
        return Response(_JS, media_type="text/javascript", headers=headers)

    @router.get("/docs/page.css")
    def style() -> Response:
        return Response(_CSS, media_type="text/css", headers=headers)

    return router
