// The download formats of a brief, with their labels: shared by the download links and the export route.
export const BRIEF_FORMATS = [
  { format: "pdf-letter", label: "PDF (Letter)" },
  { format: "pdf-a4", label: "PDF (A4)" },
  { format: "pptx", label: "PowerPoint" },
  { format: "xlsx", label: "Excel" },
  { format: "md", label: "Markdown" },
] as const;

export type BriefFormat = (typeof BRIEF_FORMATS)[number]["format"];

export function isBriefFormat(value: string | null): value is BriefFormat {
  return BRIEF_FORMATS.some((f) => f.format === value);
}

export const FORMAT_CHOICE = `Choose a format: ${BRIEF_FORMATS.map((f) => f.format).join(", ")}.`;
