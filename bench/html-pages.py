#!/usr/bin/env python3
"""Writes news articles from ../shared/corpus (BBC, Reuters, Xinwen Lianbo, Apple Daily) as realistic HTML pages
into a folder, for measuring HTML ingest in MB/s: each page has a <head> with metadata and JSON-LD, inline CSS
and scripts, a header and nav menu, share buttons, a related-links list, a cookie banner and a footer, around the
article's own paragraphs. The pages are written to the folder given (outside the repository) and never kept.

Usage: bench/html-pages.py OUT_DIR [MAX_PAGES]
"""
import html
import json
import os
import sys

OUT = sys.argv[1]
LIMIT = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
SOURCES = ["bbc_news/bbc_news.jsonl", "reuters21578/reuters21578.jsonl",
           "xinwenlianbo/xinwenlianbo.jsonl", "appledaily_tw/appledaily_tw-articles.jsonl"]
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus")

STYLE = "<style>" + " ".join(f".c{i}{{margin:{i}px;color:#{i:06x};font-size:{12 + i % 6}px}}" for i in range(120)) + "</style>"
SCRIPT = "<script>" + ";".join(f"window.t{i}=function(a){{return a*{i}+{i % 7}}}" for i in range(80)) + "</script>"
NAV = "<header><div class='logo'>Daily Wire</div><nav><ul>" + "".join(
    f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(25)) + "</ul></nav></header>"
SHARE = "<div class='share-buttons'><a>Share on X</a><a>Share on Facebook</a><a>Email</a></div>"
COOKIE = "<div id='cookie-banner'>We use cookies to improve your experience. Accept all cookies?</div>"
FOOTER = "<footer><p>© 2026 Daily Wire. All rights reserved.</p><ul>" + "".join(
    f"<li><a href='/f/{i}'>Footer link {i}</a></li>" for i in range(30)) + "</ul></footer>"


def page(rec, n):
    title = html.escape(rec.get("title") or rec["text"][:60])
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in rec["text"].split("\n") if p.strip())
    related = "<aside class='related'><h3>Related links</h3><ul>" + "".join(
        f"<li><a href='/a/{n + i}'>Another story number {n + i}</a></li>" for i in range(8)) + "</ul></aside>"
    ld = json.dumps({"@type": "NewsArticle", "headline": rec.get("title") or "", "datePublished": rec.get("published") or ""})
    meta = f"<meta property='og:title' content='{title}'>" + (
        f"<meta property='article:published_time' content='{html.escape(rec['published'])}'>" if rec.get("published") else "")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{meta}"
            f"<link rel='canonical' href='https://news.example.com/a/{n}'>"
            f"<script type='application/ld+json'>{ld}</script>{STYLE}{SCRIPT}</head><body>{COOKIE}{NAV}"
            f"<main><article><h1>{title}</h1>{SHARE}{paras}</article>{related}</main>{FOOTER}{SCRIPT}</body></html>")


os.makedirs(OUT, exist_ok=True)
n = 0
for src in SOURCES:
    with open(os.path.join(CORPUS, src), encoding="utf-8") as f:
        for line in f:
            if n >= LIMIT:
                break
            rec = json.loads(line)
            sub = os.path.join(OUT, f"{n // 1000:03d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{n:06d}.html"), "w", encoding="utf-8") as out:
                out.write(page(rec, n))
            n += 1
print(f"{n} pages written to {OUT}")
