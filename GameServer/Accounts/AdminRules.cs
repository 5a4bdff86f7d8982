namespace GameServer.Accounts;

/// <summary>The rules of an admin change that both stores check inside their transaction, in the same order.</summary>
internal static class AdminRules
{
    /// <summary>Why the change may not be made, or null; the actor has already been found to be an admin.</summary>
    public static AdminChangeOutcome? Refusal(int actingUserId, User? user, bool isAdmin, Func<int> countAdmins)
    {
        if (user is null)
        {
            return AdminChangeOutcome.UserNotFound;
        }

        if (user.Id == actingUserId && !isAdmin)
        {
            return AdminChangeOutcome.OwnRights;
        }

        return user.IsAdmin && !isAdmin && countAdmins() <= 1 ? AdminChangeOutcome.LastAdmin : null;
    }
}
