using System.Text.Json.Serialization;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Realtime;

namespace GameServer.Accounts;

/// <summary>
/// Sign-outs and rights changes reach a user's sessions on every node through the bus; on a single
/// node the bus delivers them here at once, the same way.
/// </summary>
public sealed partial class TokenSessions
{
    private const string SignOutChannel = "accounts.sign-out";
    private const string UserChangedChannel = "accounts.user-changed";

    /// <summary>
    /// Gives each open session of <paramref name="user"/>, on every node, its new rights, then tells it,
    /// so a revoked admin's dashboard closes at once: rights are checked per call from the session.
    /// </summary>
    public void UserChanged(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        bus.Publish(UserChangedChannel, new UserChanged(AuthRpc.ToInfo(user)), GameJsonContext.Default.UserChanged);
    }

    private void ListenToOtherNodes()
    {
        bus.On(SignOutChannel, AccountsBusJson.Default.SignOutOrder, order =>
        {
            if (order.TokenHash is { } tokenHash)
            {
                // The session kept signed in (the one logging out) is on the node that sent the order.
                var except = order.ExceptSession is { } id && order.Origin == node.InstanceId ? registry.Find(id) : null;
                SignOutTokenHere(tokenHash, order.Reason, except);
            }
            else if (order.UserId is { } userId)
            {
                SignOutUserHere(userId, order.Reason);
            }
        });
        bus.On(UserChangedChannel, GameJsonContext.Default.UserChanged, UpdateSessionsHere);
    }

    private void UpdateSessionsHere(UserChanged changed)
    {
        var user = changed.User;
        var notification = Notification.Create(Methods.AuthUserChanged, changed, GameJsonContext.Default.UserChanged);
        foreach (var open in registry.SessionsOf(user.Id))
        {
            if (open.CredentialId is { } credential && open.User is { } current)
            {
                open.SignIn(current with { IsAdmin = user.IsAdmin }, credential);
                open.Send(notification);
            }
        }
    }
}

/// <summary>An order to sign out the sessions of a token, or of a user, on every node.</summary>
/// <param name="TokenHash">The revoked token's hash; or null, and then <paramref name="UserId"/>.</param>
/// <param name="UserId">The user whose every session goes.</param>
/// <param name="Reason">What each session is told (<see cref="SignOutReasons"/>).</param>
/// <param name="Origin">The process that sent it.</param>
/// <param name="ExceptSession">A session of <paramref name="Origin"/> to leave alone (the one that logged out, already answered).</param>
internal sealed record SignOutOrder(string? TokenHash, int? UserId, string Reason, Guid Origin, long? ExceptSession);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SignOutOrder))]
internal sealed partial class AccountsBusJson : JsonSerializerContext;
