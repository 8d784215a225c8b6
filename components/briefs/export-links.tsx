import { buttonClass } from "@/components/ui/button-class";

export const EXPORT_FORMATS = [
  { format: "pdf-letter", label: "PDF (Letter)" },
  { format: "pdf-a4", label: "PDF (A4)" },
  { format: "pptx", label: "PowerPoint" },
  { format: "xlsx", label: "Excel" },
  { format: "md", label: "Markdown" },
] as const;

/** Downloads of one version in every format; `query` is the export URL up to the format's value ("…?format="). */
export function ExportLinks({ query }: { query: string }) {
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Download this version">
      {EXPORT_FORMATS.map((f) => (
        <a key={f.format} href={`${query}${f.format}`} className={buttonClass("secondary")} download>
          {f.label}
        </a>
      ))}
    </div>
  );
}
