// One entry point for every download of a brief: the format's renderer, its content type and the
// file name (vendor, contract, version and date, from lib/brief/format.ts).
import { fileStem } from "@/lib/brief/format";
import type { BriefContent } from "@/lib/brief/types";

import type { BriefFormat } from "@/lib/brief/formats";

export { isBriefFormat, type BriefFormat } from "@/lib/brief/formats";

export interface RenderedExport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export async function renderBriefExport(content: BriefContent, format: BriefFormat): Promise<RenderedExport> {
  const stem = fileStem(content);
  switch (format) {
    case "pdf-letter":
    case "pdf-a4": {
      const { renderBriefPdf } = await import("./pdf");
      const size = format === "pdf-a4" ? "A4" : "LETTER";
      return { body: await renderBriefPdf(content, { pageSize: size }), contentType: "application/pdf", fileName: `${stem}-${size === "A4" ? "a4" : "letter"}.pdf` };
    }
    case "pptx": {
      const { renderBriefPptx } = await import("./pptx");
      return { body: await renderBriefPptx(content), contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", fileName: `${stem}.pptx` };
    }
    case "xlsx": {
      const { renderBriefXlsx } = await import("./xlsx");
      return { body: await renderBriefXlsx(content), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName: `${stem}.xlsx` };
    }
    case "md": {
      const { renderBriefMarkdown } = await import("./markdown");
      return { body: Buffer.from(renderBriefMarkdown(content), "utf8"), contentType: "text/markdown; charset=utf-8", fileName: `${stem}.md` };
    }
  }
}

export function downloadResponse(file: RenderedExport): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Content-Length": String(file.body.length),
      "Cache-Control": "private, no-store",
    },
  });
}
