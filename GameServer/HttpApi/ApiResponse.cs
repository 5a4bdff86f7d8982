using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime.JsonRpc;

namespace GameServer.HttpApi;

/// <summary>
/// Writes HTTP API answers the way the original's REST framework did: compact JSON, or indented when
/// the client asks with <c>Accept: application/json; indent=4</c>; and maps the services' typed
/// errors to statuses once, for every endpoint.
/// </summary>
public static class ApiResponse
{
    private const int MaxIndent = 8;

    /// <summary>Runs an endpoint's work and writes its result, or the HTTP form of its error.</summary>
    public static async Task RunAsync<T>(HttpContext context, Func<Task<T>> work, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var result = await work();
            await WriteAsync(context, status, result, typeInfo);
        }
        catch (RpcException e)
        {
            await WriteErrorAsync(context, e);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the body while it was read: over the size limit (413), or cut short.
            await WriteAsync(context, e.StatusCode, new Dictionary<string, string> { ["detail"] = e.Message }, GameJsonContext.Default.DictionaryStringString);
        }
    }

    /// <summary>Runs work that answers with no body (204).</summary>
    public static async Task RunAsync(HttpContext context, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (RpcException e)
        {
            await WriteErrorAsync(context, e);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the body while it was read: over the size limit (413), or cut short.
            await WriteAsync(context, e.StatusCode, new Dictionary<string, string> { ["detail"] = e.Message }, GameJsonContext.Default.DictionaryStringString);
        }
    }

    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var indent = RequestedIndent(context.Request);
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions
        {
            Indented = indent > 0,
            IndentSize = Math.Max(indent, 1),
        });
        JsonSerializer.Serialize(writer, value, typeInfo);
    }

    /// <summary>
    /// Invalid params become 400 with <c>{"field": ["message"]}</c>, as the original's validation
    /// errors were; the other codes their natural status with <c>{"detail": "message"}</c>.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, RpcException error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var json = GameJsonContext.Default;
        if (error.Code is ErrorCodes.InvalidParams or ErrorCodes.Conflict
            && error.Details?["field"]?.GetValue<string>() is { } field)
        {
            var reason = error.Details["reason"]?.GetValue<string>() ?? error.Message;
            return WriteAsync(context, StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { [field] = [reason] }, json.DictionaryStringStringArray);
        }

        var status = error.Code switch
        {
            ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCodes.NotFound => StatusCodes.Status404NotFound,
            ErrorCodes.Conflict => StatusCodes.Status409Conflict,
            ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
            ErrorCodes.InvalidParams or ErrorCodes.InvalidRequest or ErrorCodes.ParseError => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        };
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return WriteAsync(context, status, new Dictionary<string, string> { ["detail"] = error.Message }, json.DictionaryStringString);
    }

    private static int RequestedIndent(HttpRequest request)
    {
        if (!MediaTypeWithQualityHeaderValue.TryParse(request.Headers.Accept.ToString().Split(',')[0], out var accept))
        {
            return 0;
        }

        var indent = accept.Parameters.FirstOrDefault(p => p.Name.Equals("indent", StringComparison.OrdinalIgnoreCase))?.Value;
        return int.TryParse(indent, out var size) ? Math.Clamp(size, 0, MaxIndent) : 0;
    }
}
