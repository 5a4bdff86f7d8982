// Applying players.updated to the players a page or a bot holds; the same rules as the .NET PlayerView.

/**
 * Applies the entries of one `players.updated` to `players`, a Map of id → player object. An entry is
 * a whole player (new to this subscription), the id and only the fields that changed, or, for a
 * compact subscription, `[id, position_x, position_y]`. Players already in the map are changed in
 * place. Returns the ids the entries touched.
 */
export function applyPlayerEntries(players, entries) {
  const ids = [];
  for (const entry of entries) {
    if (Array.isArray(entry)) {
      const [id, x, y] = entry;
      const player = players.get(id) ?? { id };
      player.position_x = x;
      player.position_y = y;
      players.set(id, player);
      ids.push(id);
    } else {
      const player = players.get(entry.id);
      if (player) Object.assign(player, entry);
      else players.set(entry.id, { ...entry });
      ids.push(entry.id);
    }
  }
  return ids;
}
