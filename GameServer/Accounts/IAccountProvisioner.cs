namespace GameServer.Accounts;

/// <summary>
/// A feature that keeps a record per user (an inventory, a player). It is called inside the
/// registration's transaction, so a user never exists without them.
/// </summary>
public interface IAccountProvisioner
{
    void Provision(User user);
}
