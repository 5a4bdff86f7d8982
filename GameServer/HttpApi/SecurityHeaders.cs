namespace GameServer.HttpApi;

/// <summary>
/// Headers on every HTTP answer that tell browsers to load the web client only from here, never
/// inside a frame, never sniff a type and never leak the page's address to other sites. The web
/// client keeps its scripts and styles in files for that reason: the policy allows no inline code.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Adds the headers before anything else answers (static files, the API, refused handshakes).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context.Request);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });

    /// <summary>
    /// <c>'self'</c> for everything, plus the WebSocket of this very host: CSP 2 browsers do not count
    /// ws:/wss: as <c>'self'</c>. The host is the request's; one with characters a host name or an
    /// address never has (a ';' would start a directive of the client's choosing) is left out.
    /// </summary>
    public static string PolicyFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = request.Host.HasValue && request.Host.Value.All(IsHostCharacter) ? request.Host.Value : null;
        var webSockets = host is null ? "" : $" ws://{host} wss://{host}";
        return $"default-src 'self'; connect-src 'self'{webSockets}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }

    private static bool IsHostCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']';
}
