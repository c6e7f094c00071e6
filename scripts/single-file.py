#!/usr/bin/env python3
"""Make the single-file page: one HTML that works from file://.

Browsers refuse module scripts for a file:// page (origin `null`), so the page
cannot load pkg/strata_web.js there. This inlines the stylesheet, turns the
wasm-bindgen `--target web` glue into a classic script, embeds the wasm as
base64 and instantiates it synchronously with the glue's own `initSync`. The
Content-Security-Policy allows exactly the inline script and style (by hash)
and no network at all.

Usage: scripts/single-file.py INDEX_HTML STYLE_CSS GLUE_JS WASM OUT_HTML
Standard library only.
"""

import base64
import hashlib
import re
import sys
from pathlib import Path


def fail(message):
    sys.exit(f"single-file.py: {message}")


def classic_glue(glue):
    """The ES module glue as statements for a classic script (no import/export)."""
    if re.search(r"^\s*import\s", glue, re.M):
        fail("the glue imports another module (snippets?); cannot inline it")
    glue = re.sub(r"^export (function|class|const|let|async function) ", r"\1 ", glue, flags=re.M)
    glue, n = re.subn(r"^export \{[^}]*\};?\s*$", "", glue, flags=re.M)
    if n != 1:
        fail("the glue's export list was not found: has wasm-bindgen's output changed?")
    if re.search(r"^export ", glue, re.M):
        fail("the glue still has an export after rewriting")
    # Only the async loader's default path uses import.meta, and it is never called here.
    return glue.replace("import.meta.url", "document.baseURI")


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def main():
    if len(sys.argv) != 6:
        fail("usage: single-file.py INDEX_HTML STYLE_CSS GLUE_JS WASM OUT_HTML")
    index, style, glue, wasm, out = (Path(a) for a in sys.argv[1:])
    html = index.read_text(encoding="utf-8")
    css = style.read_text(encoding="utf-8")
    wasm_b64 = base64.b64encode(wasm.read_bytes()).decode("ascii")

    script = (
        "\n(() => {\n'use strict';\n"
        + classic_glue(glue.read_text(encoding="utf-8"))
        + "\nconst wasmBase64 = '" + wasm_b64 + "';\n"
        + "const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));\n"
        + "initSync({ module: bytes });\n"
        + "})();\n"
    )
    for name, text in (("script", script), ("style", css)):
        if f"</{name}" in text.lower():
            fail(f"the inline {name} contains `</{name}`")

    policy = (
        f"default-src 'none'; script-src {csp_hash(script)} 'wasm-unsafe-eval'; "
        f"style-src {csp_hash(css)}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    replacements = [
        (r'<meta http-equiv="Content-Security-Policy"\s+content="[^"]*">',
         f'<meta http-equiv="Content-Security-Policy" content="{policy}">'),
        (r'<link rel="stylesheet" href="style.css">', f"<style>{css}</style>"),
        (r'\s*<script type="module" src="main.js"></script>', ""),
        (r"</body>", f"<script>{script}</script>\n</body>"),
    ]
    for pattern, replacement in replacements:
        html, n = re.subn(pattern, lambda _m, r=replacement: r, html, count=1)
        if n != 1:
            fail(f"index.html has no match for {pattern!r}")
    out.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
