namespace GameServer.Realtime.JsonRpc;

/// <summary>Who may call a method; the dispatcher enforces it before the handler runs.</summary>
public enum RpcAccess
{
    /// <summary>Anyone, logged in or not.</summary>
    Anonymous,

    /// <summary>Logged-in users; others get -32001.</summary>
    User,

    /// <summary>Logged-in admins; other users get -32003.</summary>
    Admin,
}
