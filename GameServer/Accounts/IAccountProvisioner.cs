namespace GameServer.Accounts;

/// <summary>
/// A feature's store that keeps a record per user (an inventory, a player). The account store calls it
/// inside the registration's transaction, so a user never exists without them.
/// </summary>
public interface IAccountProvisioner
{
    /// <summary>Creates the records of <paramref name="users"/>, just inserted (their ids are set).</summary>
    void Provision(IReadOnlyList<User> users);
}
