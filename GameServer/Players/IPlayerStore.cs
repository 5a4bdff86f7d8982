using GameServer.Accounts;
using GameServer.Storage;

namespace GameServer.Players;

/// <summary>The players (one per user, provisioned with the account), on either provider.</summary>
public interface IPlayerStore : IAccountProvisioner, IRecordSource
{
    PlayerRecord? FindByUser(int userId);

    IReadOnlyList<PlayerRecord> All();

    /// <summary>Inserts the players in one transaction; their ids are set.</summary>
    void InsertMany(IReadOnlyList<PlayerRecord> players);

    /// <summary>Writes many players' positions and defeats in one transaction.</summary>
    void SavePositions(IReadOnlyList<PlayerRecord> players);
}
