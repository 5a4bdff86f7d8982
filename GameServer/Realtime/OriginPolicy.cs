using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GameServer.Realtime;

/// <summary>
/// Which web pages may open a WebSocket here. Browsers send <c>Origin</c> on every WebSocket
/// handshake and let any page connect anywhere, so without this check a foreign page could drive a
/// visitor's logged-in session (cross-site WebSocket hijacking). Clients that are not browsers send
/// no <c>Origin</c> and are let in: the check protects browsers' users, it is not authentication.
/// </summary>
public sealed class OriginPolicy(IOptions<RealtimeOptions> options)
{
    private static readonly string[] DefaultOrigins = ["http://localhost:*", "http://127.0.0.1:*"];

    private readonly string[] _allowed = options.Value.AllowedOrigins ?? DefaultOrigins;

    /// <summary>Whether the handshake's <c>Origin</c> is absent, the server's own, or listed in <c>Realtime:AllowedOrigins</c>.</summary>
    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Allows(request.Headers[HeaderNames.Origin].ToString(), request.Scheme, request.Host.HasValue ? request.Host.Value : null);
    }

    /// <summary>The same check on the header's value and the scheme and host the request came in on.</summary>
    public bool Allows(string? originHeader, string scheme, string? host)
    {
        if (string.IsNullOrEmpty(originHeader))
        {
            return true;
        }

        // "null" (a sandboxed frame, a file: page) and anything unparsable never match.
        if (!Uri.TryCreate(originHeader, UriKind.Absolute, out var origin))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(host) && Uri.TryCreate($"{scheme}://{host}", UriKind.Absolute, out var own) && SameOrigin(origin, own))
        {
            return true;
        }

        return _allowed.Any(entry => Matches(entry, origin));
    }

    private static bool Matches(string entry, Uri origin)
    {
        if (entry == "*")
        {
            return true;
        }

        if (entry.EndsWith(":*", StringComparison.Ordinal))
        {
            return Uri.TryCreate(entry[..^2], UriKind.Absolute, out var anyPort)
                && string.Equals(anyPort.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(anyPort.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase);
        }

        return Uri.TryCreate(entry, UriKind.Absolute, out var exact) && SameOrigin(exact, origin);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
