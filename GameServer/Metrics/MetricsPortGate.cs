using Microsoft.Extensions.Options;

namespace GameServer.Metrics;

/// <summary>
/// With <c>Metrics:Port</c> set, answers 404 to <c>/metrics</c> on every other port and to anything
/// but <c>/metrics</c> on the metrics port. The check is on the port the connection arrived at, not
/// on the <c>Host</c> header, which the client chooses.
/// </summary>
internal sealed class MetricsPortGate(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private readonly int? _port = options.Value.Enabled ? options.Value.Port : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_port is { } port
            && (context.Connection.LocalPort == port) != context.Request.Path.Equals(MetricsFeature.Path, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
