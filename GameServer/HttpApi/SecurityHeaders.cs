namespace GameServer.HttpApi;

/// <summary>
/// Headers on every HTTP answer that tell browsers to load the web client only from here, never
/// inside a frame, never sniff a type and never leak the page's address to other sites. The web
/// client keeps its scripts and styles in files for that reason: the policy allows no inline code.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Adds the headers before anything else answers (static files, the API, refused handshakes).
    /// <paramref name="otherConnectSources"/> (origins such as <c>wss://eu2.example.com</c>: the game's other
    /// nodes) are asked for at the first request, once the settings have been validated, and may be connected to as well.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Func<IReadOnlyList<string>> otherConnectSources)
    {
        ArgumentNullException.ThrowIfNull(otherConnectSources);
        var others = new Lazy<IReadOnlyList<string>>(otherConnectSources);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context.Request, others.Value);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
    }

    /// <summary>
    /// <c>'self'</c> for everything, plus the WebSocket of this very host: CSP 2 browsers do not count
    /// ws:/wss: as <c>'self'</c>; plus <paramref name="otherConnectSources"/>. The host is the request's; one
    /// with characters a host name or an address never has (a ';' would start a directive of the client's
    /// choosing) is left out, and so is such a source.
    /// </summary>
    public static string PolicyFor(HttpRequest request, IReadOnlyList<string> otherConnectSources)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(otherConnectSources);
        var host = request.Host.HasValue && request.Host.Value.All(IsHostCharacter) ? request.Host.Value : null;
        var webSockets = host is null ? "" : $" ws://{host} wss://{host}";
        var others = string.Concat(otherConnectSources.Where(source => source.All(c => IsHostCharacter(c) || c == '/')).Select(source => " " + source));
        return $"default-src 'self'; connect-src 'self'{webSockets}{others}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }

    private static bool IsHostCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']';
}
