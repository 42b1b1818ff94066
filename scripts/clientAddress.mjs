// The address a request came from, for scripts/server.mjs. A client can put anything in
// X-Forwarded-For, so it counts only when the peer is one of our own proxies; walking the chain
// from the right, the first address that is not a trusted proxy is the client.
const plain = (address) => (address ?? "").trim().replace(/^::ffff:/, "");

/**
 * @param {string | undefined} peer the socket's remote address
 * @param {string | string[] | undefined} forwardedFor the X-Forwarded-For header as received
 * @param {ReadonlySet<string>} trustedProxies addresses of proxies in front of this server
 * @returns {string}
 */
export function clientAddress(peer, forwardedFor, trustedProxies) {
  let address = plain(peer);
  if (!trustedProxies.has(address) || typeof forwardedFor !== "string") return address;
  const hops = forwardedFor.split(",").map(plain).filter(Boolean);
  while (hops.length && trustedProxies.has(address)) address = hops.pop();
  return address;
}
