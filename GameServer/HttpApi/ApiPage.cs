using System.Globalization;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Primitives;

namespace GameServer.HttpApi;

/// <summary>
/// A page of a list endpoint, asked for the way the original's REST framework paged
/// (<c>?page=</c>, 1-based, and <c>?page_size=</c>). The body stays the bare JSON array the
/// original's clients read; where the framework's envelope had <c>count</c>, <c>next</c> and
/// <c>previous</c>, the answer has an <c>X-Total-Count</c> header and a <c>Link</c> header with
/// <c>rel="next"</c> and <c>rel="prev"</c>.
/// </summary>
public readonly record struct ApiPage(int Number, int Size, int Offset)
{
    public const string PageParameter = "page";
    public const string SizeParameter = "page_size";
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>
    /// Reads the page asked for by <paramref name="request"/> out of <paramref name="total"/> entries.
    /// A page or page size that is not a whole number in range is a 400 naming it; a page past the
    /// last is a 404 (the first page always exists, if empty), as the framework answered.
    /// </summary>
    public static ApiPage Read(HttpRequest request, int total, int defaultSize, int maxSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = Parse(request.Query[PageParameter], PageParameter, 1, int.MaxValue, 1, "must be a whole number >= 1");
        var size = Parse(request.Query[SizeParameter], SizeParameter, 1, maxSize, defaultSize, $"must be a whole number from 1 to {maxSize}");

        // In long: page 2^31 - 1 of 1000 would overflow an int.
        var offset = ((long)number - 1) * size;
        if (number > 1 && offset >= total)
        {
            throw new RpcException(ErrorCodes.NotFound, "Invalid page.");
        }

        return new ApiPage(number, size, (int)offset);
    }

    /// <summary>Adds the total and the links to the neighbouring pages to the response.</summary>
    public void WriteHeaders(HttpContext context, int total)
    {
        ArgumentNullException.ThrowIfNull(context);
        var links = new List<string>();
        if ((long)Offset + Size < total)
        {
            links.Add($"<{UrlOf(context.Request, Number + 1)}>; rel=\"next\"");
        }

        if (Number > 1)
        {
            links.Add($"<{UrlOf(context.Request, Number - 1)}>; rel=\"prev\"");
        }

        context.Response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }
    }

    private static int Parse(StringValues values, string field, int min, int max, int absent, string reason)
    {
        if (StringValues.IsNullOrEmpty(values))
        {
            return absent;
        }

        return values.Count == 1
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
                ? value
                : throw RpcException.InvalidParams(field, reason);
    }

    /// <summary>The request's own URL with another page; the first page leaves <c>page</c> out, as the framework's links did.</summary>
    private static string UrlOf(HttpRequest request, int page)
    {
        var query = request.Query.Where(p => p.Key != PageParameter).ToList();
        if (page > 1)
        {
            query.Add(new(PageParameter, page.ToString(CultureInfo.InvariantCulture)));
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }
}
