package io.veritas.ingest;

import java.util.Locale;

/** The input formats Veritas reads. Detected from the file's extension and confirmed or overridden by content. */
public enum Format {
    HTML, MARKDOWN, TEXT, JSON, JSONL,
    /** The text field of a JSON post: already a body, so no header, byline or boilerplate lines are looked for. */
    POST;

    /** The format of a file, from its name and its (decoded) content. */
    public static Format detect(String fileName, String content) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String head = stripLeading(content);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return looksLikeJsonLines(head) ? JSONL : JSON;
        }
        if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml")) {
            return HTML;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return MARKDOWN;
        }
        // Extension says nothing certain (.txt, none): look at the content.
        if (head.startsWith("<!doctype html") || head.startsWith("<!DOCTYPE html") || head.startsWith("<html")
                || head.startsWith("<!DOCTYPE HTML") || (head.startsWith("<") && head.contains("</p>") && head.contains("<body"))) {
            return HTML;
        }
        if (head.startsWith("{")) {
            return looksLikeJsonLines(head) ? JSONL : JSON;
        }
        if (head.startsWith("---\n") || head.startsWith("+++\n") || head.startsWith("---\r\n") || looksLikeMarkdown(content)) {
            return MARKDOWN;
        }
        return TEXT;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '\uFEFF')) {
            i++;
        }
        return s.substring(i, Math.min(s.length(), i + 4096));
    }

    private static boolean looksLikeJsonLines(String head) {
        int nl = head.indexOf('\n');
        if (nl < 0) {
            return false;
        }
        String first = head.substring(0, nl).trim();
        String rest = head.substring(nl + 1).trim();
        return first.startsWith("{") && first.endsWith("}") && rest.startsWith("{");
    }

    private static boolean looksLikeMarkdown(String content) {
        int markers = 0;
        for (String line : content.lines().limit(400).toList()) {
            if (line.startsWith("# ") || line.startsWith("## ") || line.startsWith("### ") || line.startsWith("![](")
                    || line.startsWith("> ") || line.matches("^\\[[^\\]]+\\]\\(https?://.*")) {
                markers++;
            }
        }
        return markers >= 2;
    }
}
