// Applies monster notifications to a Map of monsters by id, as the .NET client's MonsterView does.
// Entries of monsters.updated are whole monsters, or, for a subscription with {partial: true}, the id
// and only the fields that changed; a monster new to the subscriber always arrives whole.

/** Merges the entries of one monsters.updated into `monsters`; returns the ids they touched. */
export function applyMonsterEntries(monsters, entries) {
  const ids = [];
  for (const entry of entries) {
    const monster = monsters.get(entry.id);
    if (monster) Object.assign(monster, entry);
    else monsters.set(entry.id, { ...entry });
    ids.push(entry.id);
  }
  return ids;
}

/** Forgets the monsters of a monsters.removed or monsters.left_view. */
export function forgetMonsters(monsters, ids) {
  for (const id of ids) monsters.delete(id);
}
