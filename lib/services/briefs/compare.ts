import { diffBriefVersions, type BriefDiff } from "@/lib/brief/diff";
import type { WorkspaceCtx } from "../context";
import { invalid } from "../errors";
import { getBriefVersion } from "./read";

/** What moved between two versions of one brief of the caller's workspace. Readable by viewers. */
export async function compareBriefVersions(ctx: WorkspaceCtx, briefId: string, from: number, to: number): Promise<BriefDiff> {
  if (from === to) throw invalid("Choose two different versions to compare.");
  const [a, b] = await Promise.all([getBriefVersion(ctx, briefId, from), getBriefVersion(ctx, briefId, to)]);
  const side = (v: (typeof a)["version"]) => ({ version: v.version, content: v.content, document: v.document, settings: v.settings });
  return diffBriefVersions(side(a.version), side(b.version));
}
