/**
 * Text as a file-name or id slug: accents dropped, lower case, runs of anything else as one "-",
 * at most 60 characters; `fallback` when nothing is left ("Démo: Acme" → "demo-acme").
 */
export function slugify(text: string, fallback = ""): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || fallback
  );
}
