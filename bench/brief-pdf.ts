// Brief PDF bench: renderBriefPdf of the sample brief (tests/fixtures/brief/salesforce.json, made
// from the real engine; the hand-written fixture when it is missing) on Letter pages, the export a
// user waits for. Target: under 2 s a render. Also: the demo brief computed by the engine from its
// estate and then rendered, end to end.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { renderBriefPdf } from "@/lib/brief/export/pdf";
import { demoBrief } from "@/tests/support/brief-demo";
import type { BriefContent } from "@/lib/brief/types";
import { peakRssMiB, timeAsync, type BenchSection } from "@/bench/harness";

const TARGET_MS = 2000;
const FIXTURE_DIR = fileURLToPath(new URL("../tests/fixtures/brief/", import.meta.url));
const FIXTURES = ["salesforce.json", "handmade.json"];

function loadFixture(): { name: string; content: BriefContent } {
  for (const name of FIXTURES) {
    const file = `${FIXTURE_DIR}${name}`;
    if (fs.existsSync(file)) return { name, content: JSON.parse(fs.readFileSync(file, "utf8")) as BriefContent };
  }
  throw new Error(`no brief fixture (${FIXTURES.join(" or ")}) in ${FIXTURE_DIR}`);
}

/** Page objects in a PDF (pdfkit leaves the object dictionaries uncompressed). */
function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

export const briefPdfBench: BenchSection = {
  name: "brief-pdf",
  description: "render the negotiation brief PDF (Letter) of the sample brief",
  async run(options) {
    const { name, content } = loadFixture();
    const t0 = performance.now();
    const first = await renderBriefPdf(content, { pageSize: "LETTER" });
    const firstMs = performance.now() - t0;
    const letter = await timeAsync(() => renderBriefPdf(content, { pageSize: "LETTER" }), options);
    const a4 = await timeAsync(() => renderBriefPdf(content, { pageSize: "A4" }), { runs: Math.max(1, Math.ceil(options.runs / 2)), warmup: 1 });
    // What building a new version costs on top: the engine on the demo estate (2,000 Monte Carlo
    // paths × 3 scenarios, the asks, the walk-away, the diagnostics), composing, then the PDF.
    const endToEnd = await timeAsync(() => renderBriefPdf(demoBrief(0).content, { pageSize: "LETTER" }), { runs: Math.max(1, Math.ceil(options.runs / 2)), warmup: 1 });
    return {
      section: "brief-pdf",
      figures: [
        { label: "first render in the process (reads the fonts)", value: firstMs, unit: "ms", target: TARGET_MS },
        { label: "Letter render, median", value: letter.medianMs, unit: "ms", target: TARGET_MS },
        { label: "Letter render, p95", value: letter.p95Ms, unit: "ms", target: TARGET_MS },
        { label: "Letter render, min", value: letter.minMs, unit: "ms" },
        { label: "A4 render, median", value: a4.medianMs, unit: "ms", target: TARGET_MS },
        { label: "demo brief computed + rendered, median", value: endToEnd.medianMs, unit: "ms", target: TARGET_MS },
        { label: "PDF size", value: first.length / 1024, unit: "KiB" },
        { label: "pages", value: pageCount(first), unit: "pages" },
        { label: "peak RSS (maxRSS)", value: peakRssMiB(), unit: "MiB" },
      ],
      notes: [`fixture tests/fixtures/brief/${name}`, `${options.runs} timed Letter runs after ${options.warmup} warm-up runs; A4 ${a4.runs} runs`],
    };
  },
};
