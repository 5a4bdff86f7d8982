// The connection badge, the stale view while reconnecting, and the server panel (figures and ping).
import { $ } from "../dom.js";
import { Methods } from "../protocol.js";

// Controls that need the server: off while the page is cut off from it.
const LIVE_CONTROLS = "[data-move], #strike, #chat-form input, #chat-form button, #ping, #boards-period button";

/** Wires the badge, the stale banner and "retry now"; cut off, the world is shown as it was, greyed. */
export function wireConnection(client) {
  client.addEventListener("state", ({ detail }) => {
    $("connection").textContent = detail.state;
    $("connection").className = `badge ${detail.state}`;
    const stale = detail.state === "reconnecting";
    document.body.classList.toggle("stale", stale);
    $("stale-banner").hidden = !stale;
    for (const control of document.querySelectorAll(LIVE_CONTROLS)) control.disabled = stale;
    // Back: the error lines the lost connection left are cleared.
    if (detail.state === "connected") {
      for (const line of document.querySelectorAll(".error:not(li)")) line.textContent = "";
    }
  });
  $("retry-now").addEventListener("click", () => client.retryNow());
  $("ping").addEventListener("click", () => ping(client));
}

/** Round trip of one system.ping, in whole milliseconds; the server's clock goes in the tooltip. */
async function ping(client) {
  const started = performance.now();
  try {
    const { time } = await client.call(Methods.SystemPing);
    $("ping-result").textContent = `${Math.round(performance.now() - started)} ms`;
    $("ping-result").title = `server clock ${time}`;
  } catch (error) {
    $("ping-result").textContent = error.timedOut ? "no answer" : "not connected";
  }
}

/** The server's figures (system.info needs a login; before it, a ping says whether the server is there). */
export async function showServerInfo(client) {
  try {
    if (!client.user) {
      await client.call(Methods.SystemPing);
      $("server-info").textContent = "connected; log in to see the server's figures";
      return;
    }
    const info = await client.call(Methods.SystemInfo);
    $("server-info").textContent = `${info.name} ${info.version}, up ${info.uptime_s} s, ${info.connections} connection(s)`;
  } catch {
    $("server-info").textContent = "not connected";
  }
}
