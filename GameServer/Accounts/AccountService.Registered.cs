using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace GameServer.Accounts;

/// <summary>A user registered (its transaction has committed).</summary>
/// <param name="User">The new user's id.</param>
/// <param name="Username">The new user's name.</param>
public sealed record UserRegistered(int User, string Username);

public sealed partial class AccountService
{
    private readonly Subject<UserRegistered> _registered = new();

    /// <summary>
    /// Every registration, once committed, on the registering caller's thread: for features that follow
    /// the game (analytics) without Accounts knowing them.
    /// </summary>
    public IObservable<UserRegistered> Registered => _registered.AsObservable();
}
