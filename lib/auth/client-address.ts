import { UNKNOWN_ADDRESS } from "./throttle";

/**
 * The client's address for the sign-in throttle. X-Forwarded-For is read only behind a trusted
 * proxy (TRUST_PROXY = how many proxies append to it, e.g. 1 for one nginx): its last N entries
 * were written by our proxies, the one before them is the client; anything further left is
 * whatever the client sent and is ignored. Without TRUST_PROXY a client could name any address.
 */
export function clientAddress(headers: Record<string, unknown> | undefined, trustProxy = process.env.TRUST_PROXY): string {
  const hops = trustProxy === "true" ? 1 : Number(trustProxy ?? 0);
  const forwarded = headers?.["x-forwarded-for"];
  if (Number.isInteger(hops) && hops > 0 && typeof forwarded === "string") {
    const chain = forwarded.split(",").map((a) => a.trim()).filter(Boolean);
    const client = chain[chain.length - hops];
    if (client) return client;
  }
  // next-auth hands the route handler's headers only: without a trusted proxy every client shares
  // the per-address counter of the socket, which the per-account limit complements.
  const real = hops > 0 ? headers?.["x-real-ip"] : undefined;
  return (typeof real === "string" && real) || UNKNOWN_ADDRESS;
}
