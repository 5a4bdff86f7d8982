// When and where GameClient reconnects: the back-off between attempts, and the order of the nodes tried.

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 first): doubling from 250 ms, capped at
 * 5 s, with equal jitter (half fixed, half random) so that clients cut off together by a server
 * restart do not all come back in the same instant.
 * @param {number} attempt
 * @param {() => number} random in [0, 1)
 */
export function reconnectDelay(attempt, random = Math.random) {
  const ceiling = Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempt, 16), LAST_RETRY_MS);
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * The nodes a page tries, in order: its own first (it was just served from there, so it is up), then
 * the others the server listed, shuffled per page so that the clients of a node that dies spread over
 * the survivors instead of all landing on the next one in the list.
 * @param {string} ownUrl the WebSocket URL of the node that served the page
 * @param {string[]} listed the game's client URLs (`Cluster:ClientUrls`), the own one possibly among them
 * @param {() => number} random in [0, 1)
 */
export function failoverOrder(ownUrl, listed, random = Math.random) {
  const others = [...new Set(listed)].filter((url) => url !== ownUrl);
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [others[i], others[j]] = [others[j], others[i]];
  }
  return [ownUrl, ...others];
}
