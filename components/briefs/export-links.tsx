import { buttonClass } from "@/components/ui/button-class";
import { BRIEF_FORMATS } from "@/lib/brief/formats";

/** Downloads of one version in every format; `query` is the export URL up to the format's value ("…?format="). */
export function ExportLinks({ query }: { query: string }) {
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Download this version">
      {BRIEF_FORMATS.map((f) => (
        <a key={f.format} href={`${query}${f.format}`} className={buttonClass("secondary")} download>
          {f.label}
        </a>
      ))}
    </div>
  );
}
