using GameServer.Realtime.JsonRpc;
using Microsoft.Net.Http.Headers;

namespace GameServer.Accounts;

/// <summary>The HTTP API's check of <c>Authorization: Bearer &lt;token&gt;</c>, with the same tokens as <c>auth.resume</c>.</summary>
public sealed class BearerAuthentication(AccountService accounts)
{
    private const string Scheme = "Bearer ";

    /// <summary>The admin behind the request's token: 401 without a valid token, 403 for a non-admin.</summary>
    public User RequireAdmin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.Authorization].ToString();
        var user = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? accounts.Authenticate(header[Scheme.Length..].Trim())
            : null;
        if (user is null)
        {
            throw RpcException.Unauthenticated("authentication credentials were not provided or are not valid");
        }

        return user.IsAdmin ? user : throw RpcException.Forbidden("you do not have permission to perform this action");
    }
}
