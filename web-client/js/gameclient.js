// GameClient: JSON-RPC 2.0 over a WebSocket, for browsers and Node alike.
// Requests are promises resolved by id; server notifications are events; a lost connection is
// reopened with backoff, on the next of the game's nodes when given several, and the session resumed
// there with the saved token (the nodes of a cluster share the sessions' store).

import { ErrorCodes, Methods } from "./protocol.js";
import { reconnectDelay } from "./reconnect.js";

// Where players.updated is applied; exported from here too, as it always was.
export { applyPlayerEntries } from "./playerentries.js";
export { reconnectDelay } from "./reconnect.js";

const OPEN_WAIT_MS = 10_000;
const CALL_TIMEOUT_MS = 10_000;

export class RpcError extends Error {
  constructor({ code, message, data }) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export class GameClient extends EventTarget {
  #urls;
  #urlIndex = 0;
  #WebSocketImpl;
  #socket = null;
  #nextId = 1;
  #pending = new Map();
  #attempt = 0;
  #retryTimer = null;
  #closedByUser = false;
  #presence;

  /**
   * @param {string | string[]} urls ws://host:port/ws, or the WebSocket URLs of several nodes of one game:
   *   the client starts on the first and, each time the connection is lost, tries the next (the first
   *   again after the last), so the clients of a node that dies go on on another.
   * @param {{ WebSocket?: typeof WebSocket, token?: string, inWorld?: boolean }} options WebSocket: the
   *   implementation to use where there is no global one (Node < 22: the "ws" package). inWorld: false
   *   for a tool such as the admin dashboard, whose login must not put the user's player in the world.
   */
  constructor(urls, { WebSocket: WebSocketImpl = globalThis.WebSocket, token = null, inWorld = true } = {}) {
    super();
    this.#urls = [urls].flat();
    if (this.#urls.length === 0) throw new Error("GameClient needs at least one URL");
    this.#WebSocketImpl = WebSocketImpl;
    this.#presence = inWorld ? {} : { in_world: false };
    this.token = token;
    this.user = null;
    this.state = "offline";
  }

  /** The node connected to now, or tried next while reconnecting. */
  get url() { return this.#urls[this.#urlIndex]; }

  /** Opens the connection; resolves once it is open (and resumed, when a token is known). */
  connect() {
    this.#closedByUser = false;
    return this.#open();
  }

  /**
   * Calls a method; resolves with its result or rejects with an RpcError. A call made while the
   * connection is still opening (a form sent right after the page loaded, or during a reconnect)
   * waits for it rather than failing; an answer that does not come within `timeoutMs` (10 s) is an
   * Error with `timedOut` set, rather than a wait forever.
   */
  async call(method, params, { timeoutMs = CALL_TIMEOUT_MS } = {}) {
    await this.#opened();
    const id = this.#nextId++;
    const message = { jsonrpc: "2.0", id, method };
    if (params !== undefined) message.params = params;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(Object.assign(new Error(`${method}: no answer within ${timeoutMs / 1000} s`), { timedOut: true }));
      }, timeoutMs);
      const settled = (settle) => (value) => {
        clearTimeout(timer);
        settle(value);
      };
      this.#pending.set(id, { resolve: settled(resolve), reject: settled(reject) });
      this.#socket.send(JSON.stringify(message));
    });
  }

  /**
   * Sends a notification: a call without id. The server runs it and answers nothing, not even an
   * error. The way to send movement at rate: `client.notify(Methods.PlayersMove, { dx, dy })`.
   */
  async notify(method, params) {
    await this.#opened();
    const message = { jsonrpc: "2.0", method };
    if (params !== undefined) message.params = params;
    this.#socket.send(JSON.stringify(message));
  }

  /** While reconnecting: tries again now instead of at the end of the back-off. */
  retryNow() {
    if (this.state !== "reconnecting" || this.#retryTimer === null) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#open().catch(() => {});
  }

  async register(username, password) { return this.#signedIn(await this.call(Methods.AuthRegister, { username, password, ...this.#presence })); }
  async login(username, password) { return this.#signedIn(await this.call(Methods.AuthLogin, { username, password, ...this.#presence })); }
  async resume(token) { return this.#signedIn(await this.call(Methods.AuthResume, { token, ...this.#presence })); }

  async logout() {
    await this.call(Methods.AuthLogout);
    this.token = null;
    this.user = null;
    this.#emit("session", { user: null, token: null });
  }

  /** Closes for good: no reconnect. */
  close() {
    this.#closedByUser = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.close(1000, "bye");
  }

  #open() {
    this.#setState(this.state === "offline" ? "connecting" : "reconnecting");
    return new Promise((resolve, reject) => {
      const socket = new this.#WebSocketImpl(this.url);
      this.#socket = socket;
      let opened = false;
      let lost = false;
      socket.onopen = async () => {
        opened = true;
        this.#attempt = 0;
        this.#setState("connected");
        if (this.token) {
          try {
            await this.resume(this.token);
          } catch (error) {
            // Only a refused token is dead (revoked or expired while away). Any other failure (no
            // answer, rate limited, the connection lost) keeps it: the socket is closed, so the
            // page is not left connected but logged out, and the next attempt resumes again.
            if (error instanceof RpcError && error.code === ErrorCodes.Unauthenticated) this.#signedOut("token_refused");
            else socket.close(4000, "resume failed");
          }
        }
        resolve();
      };
      socket.onmessage = (event) => this.#receive(typeof event.data === "string" ? event.data : event.data.toString());
      // Node 20's WebSocket (undici) tells of a refused connection by an error alone, never a close, and
      // the client would wait for ever: taken as the close (a browser's close that follows is ignored).
      socket.onerror = () => { if (!opened) socket.onclose({ code: 1006 }); };
      socket.onclose = (event) => {
        if (lost) return;
        lost = true;
        for (const { reject: fail } of this.#pending.values()) fail(new Error(`connection closed (${event.code})`));
        this.#pending.clear();
        if (!opened) reject(new Error(`could not connect (${event.code})`));
        if (this.#closedByUser) {
          this.#setState("offline");
          return;
        }
        this.#setState("reconnecting");
        // The next node: this one may be gone for good (a killed process, a lost machine); with one URL it is this one again.
        this.#urlIndex = (this.#urlIndex + 1) % this.#urls.length;
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = null;
          this.#open().catch(() => {});
        }, reconnectDelay(this.#attempt++));
      };
    });
  }

  #opened(timeoutMs = OPEN_WAIT_MS) {
    if (this.#socket?.readyState === 1) return Promise.resolve();
    if (this.state === "offline") return Promise.reject(new Error("not connected"));
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.removeEventListener("state", onState);
      };
      const onState = () => {
        if (this.#socket?.readyState === 1) {
          settle();
          resolve();
        } else if (this.state === "offline") {
          settle();
          reject(new Error("not connected"));
        }
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error("not connected"));
      }, timeoutMs);
      this.addEventListener("state", onState);
    });
  }

  #receive(text) {
    const message = JSON.parse(text);
    for (const entry of Array.isArray(message) ? message : [message]) {
      if (entry.method) {
        // The server signed this connection out (token revoked or expired): the token is dead, drop it.
        if (entry.method === Methods.AuthSignedOut) this.#signedOut(entry.params?.reason);
        // An admin changed this user (rights granted or revoked): the connection already has the new rights.
        if (entry.method === Methods.AuthUserChanged && this.user) {
          this.user = entry.params.user;
          this.#emit("session", { user: this.user, token: this.token, changed: true });
        }
        this.#emit(entry.method, entry.params);
        continue;
      }
      const waiter = this.#pending.get(entry.id);
      if (!waiter) continue;
      this.#pending.delete(entry.id);
      if (entry.error) waiter.reject(new RpcError(entry.error));
      else waiter.resolve(entry.result);
    }
  }

  #signedIn(result) {
    this.token = result.token;
    this.user = result.user;
    this.#emit("session", { user: result.user, token: result.token });
    return result;
  }

  #signedOut(reason) {
    this.token = null;
    this.user = null;
    this.#emit("session", { user: null, token: null, reason });
  }

  #setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.#emit("state", { state });
  }

  #emit(type, detail) {
    const event = new Event(type);
    event.detail = detail;
    this.dispatchEvent(event);
  }
}
