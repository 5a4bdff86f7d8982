// The chat: one room, the latest messages on joining, then each as it is said.
import { $, element } from "../dom.js";
import { ErrorCodes, Methods } from "../protocol.js";

export function wireChat(client) {
  client.addEventListener(Methods.ChatMessage, ({ detail }) => showChat([detail]));
  $("chat-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = event.target.elements.text;
    $("chat-error").textContent = "";
    try {
      await client.call(Methods.ChatSend, { text: input.value });
      input.value = "";
    } catch (error) {
      $("chat-error").textContent = error.code === ErrorCodes.RateLimited ? "Slow down: too many messages." : error.message;
    }
  });
  return {
    async join() {
      $("chat-messages").replaceChildren();
      const { messages } = await client.call(Methods.ChatSubscribe);
      showChat(messages);
    },
  };
}

// The name and the text are each isolated (<bdi>): a right-to-left message keeps its own direction
// without pulling the name or the time into it. Long words wrap (css: overflow-wrap).
function showChat(messages) {
  const list = $("chat-messages");
  for (const message of messages) {
    if (list.querySelector(`[data-id="${CSS.escape(String(message.id))}"]`)) continue;
    const time = element("time", { datetime: message.at }, new Date(message.at).toLocaleTimeString());
    const item = element("li", {},
      element("bdi", { className: "from" }, message.username),
      " ",
      element("bdi", { className: "text" }, message.text),
      " ",
      time);
    item.dataset.id = message.id;
    list.append(item);
  }
  list.scrollTop = list.scrollHeight;
}
