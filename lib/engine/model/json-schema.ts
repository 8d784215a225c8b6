// JSON Schema of the model document, generated from the zod schema so that the two cannot drift;
// scripts/gen-schema.ts writes it to docs/model.schema.json and a unit test checks it is current.
import { z } from "zod";
import { ModelDocument } from "@/lib/engine/model/schema";

export const MODEL_SCHEMA_PATH = "docs/model.schema.json";

export function modelJsonSchema(): Record<string, unknown> {
  // io "input": the schema describes what authors write (defaults optional), not the parsed form.
  const schema = z.toJSONSchema(ModelDocument, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...schema, $id: "https://flexcredit-workbench.local/model.schema.json" };
}

/** Stable text: two-space indentation and a final newline, as committed. */
export function modelJsonSchemaText(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}
