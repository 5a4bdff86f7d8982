namespace GameServer.Protocol;

/// <summary>The name of every JSON-RPC method and notification GameServer knows.</summary>
public static class Methods
{
    /// <summary>Answers with the server's clock; allowed before login.</summary>
    public const string SystemPing = "system.ping";

    /// <summary>Answers with the server's name, version, uptime and connection count; allowed before login.</summary>
    public const string SystemInfo = "system.info";

    /// <summary>Creates an account and logs the connection in.</summary>
    public const string AuthRegister = "auth.register";

    /// <summary>Logs the connection in with a username and password.</summary>
    public const string AuthLogin = "auth.login";

    /// <summary>Logs the connection in with a token from an earlier register or login.</summary>
    public const string AuthResume = "auth.resume";

    /// <summary>Revokes the connection's token and logs the connection out.</summary>
    public const string AuthLogout = "auth.logout";

    /// <summary>Notification: the connection was logged out because its token was revoked or expired.</summary>
    public const string AuthSignedOut = "auth.signed_out";

    /// <summary>Notification: an admin changed the logged-in user's rights; the connection already has the new ones.</summary>
    public const string AuthUserChanged = "auth.user_changed";

    /// <summary>Every user; admins only.</summary>
    public const string UsersList = "users.list";

    /// <summary>Grants or revokes a user's admin rights; admins only.</summary>
    public const string UsersSetAdmin = "users.set_admin";

    /// <summary>Sets a user's password and logs out all of its devices; admins only.</summary>
    public const string UsersSetPassword = "users.set_password";

    /// <summary>A page of the items, ordered by weight, then id; optionally those whose name contains a search.</summary>
    public const string ItemsList = "items.list";

    /// <summary>How many items <see cref="ItemsList"/> pages through, with the same search.</summary>
    public const string ItemsCount = "items.count";

    /// <summary>One item by id.</summary>
    public const string ItemsGet = "items.get";

    /// <summary>Creates an item; admins only.</summary>
    public const string ItemsCreate = "items.create";

    /// <summary>Changes an item; admins only.</summary>
    public const string ItemsUpdate = "items.update";

    /// <summary>Deletes an item and takes it out of every inventory; admins only.</summary>
    public const string ItemsDelete = "items.delete";

    /// <summary>Inventories in the original's shape, optionally filtered by username.</summary>
    public const string InventoriesList = "inventories.list";

    /// <summary>How many inventories <see cref="InventoriesList"/> pages through, with the same filters.</summary>
    public const string InventoriesCount = "inventories.count";

    /// <summary>One inventory by id.</summary>
    public const string InventoriesGet = "inventories.get";

    /// <summary>Puts an item into an inventory; admins only.</summary>
    public const string InventoriesAddItem = "inventories.add_item";

    /// <summary>Takes an item out of an inventory; admins only.</summary>
    public const string InventoriesRemoveItem = "inventories.remove_item";

    /// <summary>The caller's inventory with the items expanded.</summary>
    public const string InventoryMine = "inventory.mine";

    /// <summary>Notification: an item was put into one of the user's inventories.</summary>
    public const string InventoryItemAdded = "inventory.item_added";

    /// <summary>Notification: an item was taken out of one of the user's inventories.</summary>
    public const string InventoryItemRemoved = "inventory.item_removed";

    /// <summary>Notification: an item in one of the user's inventories was renamed or re-weighed.</summary>
    public const string InventoryItemChanged = "inventory.item_changed";

    /// <summary>Every player.</summary>
    public const string PlayersList = "players.list";

    /// <summary>Subscribes to player changes, of the whole world or within a radius; answers with a snapshot.</summary>
    public const string PlayersSubscribe = "players.subscribe";

    /// <summary>Stops player notifications.</summary>
    public const string PlayersUnsubscribe = "players.unsubscribe";

    /// <summary>Moves the caller's own player one step.</summary>
    public const string PlayersMove = "players.move";

    /// <summary>Notification: players that changed (or came into view) since the last patch.</summary>
    public const string PlayersUpdated = "players.updated";

    /// <summary>Notification: players that left a radius subscription's area.</summary>
    public const string PlayersLeftView = "players.left_view";

    /// <summary>Subscribes the connection to <c>chat.message</c>; answers with the latest messages.</summary>
    public const string ChatSubscribe = "chat.subscribe";

    /// <summary>Stops <c>chat.message</c> on the connection.</summary>
    public const string ChatUnsubscribe = "chat.unsubscribe";

    /// <summary>Sends a chat message to every subscriber; rate limited per user.</summary>
    public const string ChatSend = "chat.send";

    /// <summary>The latest chat messages, oldest first.</summary>
    public const string ChatHistory = "chat.history";

    /// <summary>Notification: a chat message, sent to every subscribed connection.</summary>
    public const string ChatMessage = "chat.message";

    /// <summary>Every monster, ordered by id.</summary>
    public const string MonstersList = "monsters.list";

    /// <summary>One monster by id.</summary>
    public const string MonstersGet = "monsters.get";

    /// <summary>Creates a wandering monster; admins only.</summary>
    public const string MonstersCreate = "monsters.create";

    /// <summary>Changes a monster's health or position and saves it; admins only.</summary>
    public const string MonstersUpdate = "monsters.update";

    /// <summary>Takes a state-machine transition; admins only.</summary>
    public const string MonstersTransition = "monsters.transition";

    /// <summary>Deletes a monster; admins only.</summary>
    public const string MonstersDelete = "monsters.delete";

    /// <summary>Subscribes to monster changes, of the whole world or within a radius; answers with a snapshot.</summary>
    public const string MonstersSubscribe = "monsters.subscribe";

    /// <summary>Stops monster notifications.</summary>
    public const string MonstersUnsubscribe = "monsters.unsubscribe";

    /// <summary>Strikes a monster within reach.</summary>
    public const string MonstersHit = "monsters.hit";

    /// <summary>Notification: monsters that changed (or came into view) since the last patch.</summary>
    public const string MonstersUpdated = "monsters.updated";

    /// <summary>Notification: monsters that left the world (defeated or deleted).</summary>
    public const string MonstersRemoved = "monsters.removed";

    /// <summary>Notification: monsters that left a radius subscription's area.</summary>
    public const string MonstersLeftView = "monsters.left_view";

    /// <summary>Notification to a player: it defeated a monster.</summary>
    public const string MonstersDefeated = "monsters.defeated";

    /// <summary>A page of a board (<c>monsters_defeated</c>, <c>distance_walked</c>, <c>gifts_received</c>) for a period, best first.</summary>
    public const string LeaderboardTop = "leaderboard.top";

    /// <summary>The caller's rank, score and neighbours on a board.</summary>
    public const string LeaderboardMe = "leaderboard.me";

    /// <summary>Subscribes to <c>leaderboard.changed</c> for a board and period; answers with the top 10.</summary>
    public const string LeaderboardSubscribe = "leaderboard.subscribe";

    /// <summary>Stops <c>leaderboard.changed</c> for a board and period.</summary>
    public const string LeaderboardUnsubscribe = "leaderboard.unsubscribe";

    /// <summary>Notification: a subscribed board's top 10 changed; at most once per second per board and period.</summary>
    public const string LeaderboardChanged = "leaderboard.changed";

    /// <summary>Admin: per-day figures (active users, new users, sessions, session lengths, events per type) and the busiest hours of a date range.</summary>
    public const string AnalyticsSummary = "analytics.summary";

    /// <summary>Admin: the latest raw game events, newest first, optionally of one type or user.</summary>
    public const string AnalyticsEvents = "analytics.events";
}
