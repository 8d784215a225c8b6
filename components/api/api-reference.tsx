// The API reference, rendered on the server from the OpenAPI document itself (no script, no CDN):
// every operation with its parameters, body and answers, then every schema with its fields.
type Schema = Record<string, unknown>;
interface Op {
  operationId: string;
  summary: string;
  description?: string;
  "x-scope": string;
  parameters?: { name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

const refName = (ref: unknown) => (typeof ref === "string" ? ref.split("/").at(-1)! : "?");

export function typeOf(s: Schema | undefined): string {
  if (!s) return "any";
  if (typeof s.$ref === "string") return refName(s.$ref);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(typeOf).join(" | ");
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "array") return `${typeOf(s.items as Schema)}[]`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) return "object (map)";
  const fmt = typeof s.format === "string" ? ` (${s.format})` : "";
  return `${String(s.type ?? "any")}${fmt}`;
}

const METHOD_STYLE: Record<string, string> = { get: "bg-sky-100 text-sky-800", post: "bg-emerald-100 text-emerald-800" };

export function ApiReference({ doc }: { doc: { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } } }) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <div className="space-y-6">
      <ul className="space-y-4">
        {ops.map(({ path, method, op }) => (
          <li key={op.operationId} id={op.operationId} className="rounded-md p-4 ring-1 ring-slate-200">
            <div className="flex flex-wrap items-baseline gap-2">
              <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? "bg-slate-100"}`}>{method}</span>
              <code className="break-all text-sm text-slate-900">{path}</code>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{op["x-scope"]} scope</span>
            </div>
            <p className="mt-2 text-sm font-medium text-slate-800">{op.summary}</p>
            {op.description && <p className="mt-1 text-sm text-slate-600">{op.description}</p>}
            <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
              {op.parameters?.length ? (
                <>
                  <dt className="text-slate-500">Path</dt>
                  <dd className="text-slate-700">{op.parameters.map((p) => `${p.name}: ${typeOf(p.schema)}`).join(", ")}</dd>
                </>
              ) : null}
              {op.requestBody && (
                <>
                  <dt className="text-slate-500">Body</dt>
                  <dd className="text-slate-700">{Object.entries(op.requestBody.content).map(([type, c]) => `${type}: ${typeOf(c.schema)}`).join("; ")}</dd>
                </>
              )}
              <dt className="text-slate-500">Answers</dt>
              <dd className="text-slate-700">
                <ul>
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <span className="font-mono">{status}</span> {r.content ? `${Object.entries(r.content).map(([t, c]) => (t === "application/json" ? typeOf(c.schema) : t)).join(", ")} · ` : ""}
                      <span className="text-slate-500">{r.description}</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      <div className="space-y-4">
        <h3 className="text-sm font-semibold text-slate-900">Schemas</h3>
        {Object.entries(doc.components.schemas).map(([name, s]) => {
          const props = (s.properties ?? {}) as Record<string, Schema>;
          const required = new Set((s.required ?? []) as string[]);
          return (
            <section key={name} id={`schema-${name}`} aria-label={`Schema ${name}`} className="rounded-md p-4 ring-1 ring-slate-200">
              <h4 className="font-mono text-sm font-semibold text-slate-900">{name}</h4>
              {Object.keys(props).length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">{typeOf(s)}</p>
              ) : (
                <div tabIndex={0} className="mt-2 overflow-x-auto">
                  <table className="w-full text-left text-sm" aria-label={`Fields of ${name}`}>
                    <thead className="text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="py-1 pr-3 font-medium">Field</th>
                        <th scope="col" className="py-1 pr-3 font-medium">Type</th>
                        <th scope="col" className="py-1 font-medium">Notes</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {Object.entries(props).map(([field, p]) => (
                        <tr key={field}>
                          <td className="py-1 pr-3 font-mono text-xs">{field}{required.has(field) ? "" : "?"}</td>
                          <td className="py-1 pr-3 font-mono text-xs text-slate-700">{typeOf(p)}</td>
                          <td className="py-1 text-slate-600">{typeof p.description === "string" ? p.description : ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
