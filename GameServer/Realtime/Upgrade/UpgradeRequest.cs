using System.Buffers;
using System.Text;

namespace GameServer.Realtime.Upgrade;

/// <summary>What <see cref="UpgradeRequest.Read"/> made of the bytes so far.</summary>
internal enum UpgradeVerdict
{
    /// <summary>So far a handshake to <c>/ws</c>; its head has not ended yet.</summary>
    NeedMore,

    /// <summary>Not a handshake the direct upgrade takes: Kestrel parses it, and answers or refuses it.</summary>
    NotOurs,

    /// <summary>A complete, plain WebSocket handshake to <c>/ws</c>.</summary>
    Ours,
}

/// <summary>
/// The head of a WebSocket handshake as the direct upgrade takes it: a deliberately small subset of
/// HTTP/1.1. The request line is exactly <c>GET /ws HTTP/1.1</c> (or <c>/ws/</c>); every header line
/// is a token, a colon and visible ASCII; the head ends within <see cref="MaxHeadBytes"/> and 100
/// lines; <c>Host</c>, <c>Upgrade: websocket</c>, <c>Connection: upgrade</c>, version 13 and a
/// 16-byte key are there once each, and no body is announced. Anything else, however legal (another
/// spelling of the path, a query, folded or non-ASCII headers, a repeated header, a subprotocol), is
/// <see cref="UpgradeVerdict.NotOurs"/>: the reader never decides what HTTP means at its edges, it
/// hands those requests to Kestrel untouched.
/// </summary>
internal sealed record UpgradeRequest(string Key, string Host, string? Origin, string? ForwardedFor, string? ForwardedProto)
{
    /// <summary>Longest head taken; a longer one goes to Kestrel, whose own limit is 32 KiB.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    private const int MaxLines = 100;
    private static readonly byte[] Start = "GET /ws"u8.ToArray();
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>Reads the head at the start of <paramref name="buffer"/>; on <see cref="UpgradeVerdict.Ours"/>, <paramref name="headEnd"/> is just past it.</summary>
    public static UpgradeVerdict Read(ReadOnlySequence<byte> buffer, out UpgradeRequest? request, out SequencePosition headEnd)
    {
        request = null;
        headEnd = buffer.Start;
        Span<byte> start = stackalloc byte[7];
        var have = (int)Math.Min(buffer.Length, Start.Length);
        buffer.Slice(0, have).CopyTo(start);
        if (!start[..have].SequenceEqual(Start.AsSpan(0, have)))
        {
            return UpgradeVerdict.NotOurs;
        }

        var window = buffer.Length > MaxHeadBytes ? buffer.Slice(0, MaxHeadBytes) : buffer;
        var reader = new SequenceReader<byte>(window);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd))
        {
            // Waiting is only for heads that are plain so far: Kestrel may answer the rest at once (a head
            // ending in bare LFs is complete to it), so it gets them at once.
            return buffer.Length < MaxHeadBytes && IsPlainSoFar(window) ? UpgradeVerdict.NeedMore : UpgradeVerdict.NotOurs;
        }

        Span<byte> bytes = stackalloc byte[(int)head.Length];
        head.CopyTo(bytes);
        request = Parse(bytes);
        if (request is null)
        {
            return UpgradeVerdict.NotOurs;
        }

        headEnd = buffer.GetPosition(reader.Consumed);
        return UpgradeVerdict.Ours;
    }

    /// <summary>The head without its final empty line; null unless it is a plain handshake to <c>/ws</c>.</summary>
    internal static UpgradeRequest? Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!requestLine.SequenceEqual("GET /ws HTTP/1.1"u8) && !requestLine.SequenceEqual("GET /ws/ HTTP/1.1"u8))
        {
            return null;
        }

        string? host = null, upgrade = null, connection = null, key = null, version = null, origin = null, forwardedFor = null, forwardedProto = null;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        var lines = 1;
        while (!rest.IsEmpty)
        {
            if (++lines > MaxLines)
            {
                return null;
            }

            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]) || !IsFieldValue(line[(colon + 1)..]))
            {
                return null;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            var taken =
                Take(name, "host"u8, value, ref host)
                && Take(name, "upgrade"u8, value, ref upgrade)
                && Take(name, "connection"u8, value, ref connection)
                && Take(name, "sec-websocket-key"u8, value, ref key)
                && Take(name, "sec-websocket-version"u8, value, ref version)
                && Take(name, "origin"u8, value, ref origin)
                && Take(name, "x-forwarded-for"u8, value, ref forwardedFor)
                && Take(name, "x-forwarded-proto"u8, value, ref forwardedProto);
            if (!taken
                || Ascii.EqualsIgnoreCase(name, "content-length"u8)
                || Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)
                || Ascii.EqualsIgnoreCase(name, "sec-websocket-protocol"u8))
            {
                return null;
            }
        }

        var plain = IsHost(host)
            && string.Equals(upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
            && HasUpgradeToken(connection)
            && version == "13"
            && IsKey(key);
        return plain ? new UpgradeRequest(key!, host!, origin, forwardedFor, forwardedProto) : null;
    }

    // Visible ASCII, spaces and tabs, and every CR followed by LF and every LF preceded by CR.
    private static bool IsPlainSoFar(ReadOnlySequence<byte> bytes)
    {
        byte previous = 0;
        foreach (var segment in bytes)
        {
            foreach (var b in segment.Span)
            {
                var plain = b switch
                {
                    (byte)'\n' => previous == (byte)'\r',
                    _ when previous == (byte)'\r' => false,
                    (byte)'\r' or (byte)'\t' => true,
                    _ => b is >= 0x20 and <= 0x7E,
                };
                if (!plain)
                {
                    return false;
                }

                previous = b;
            }
        }

        return true;
    }

    /// <summary>Keeps the value of the header named <paramref name="wanted"/>; false if it came before.</summary>
    private static bool Take(ReadOnlySpan<byte> name, ReadOnlySpan<byte> wanted, ReadOnlySpan<byte> value, ref string? kept)
    {
        if (!Ascii.EqualsIgnoreCase(name, wanted))
        {
            return true;
        }

        if (kept is not null)
        {
            return false;
        }

        kept = Encoding.ASCII.GetString(value);
        return true;
    }

    // RFC 9110 tchar.
    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~"u8.Contains(b)))
            {
                return false;
            }
        }

        return true;
    }

    // Visible ASCII, spaces and tabs: no control characters (a stray CR or LF included), no obs-text.
    private static bool IsFieldValue(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (!(b is >= 0x20 and <= 0x7E || b == (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    // A name or an IPv4 address, or an IPv6 address in brackets, and perhaps a port: the hosts every
    // server takes. Kestrel checks the rest of what RFC 3986 allows, and refuses what it must.
    private static bool IsHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        var colon = host.LastIndexOf(':');
        var name = host;
        if (colon >= 0 && host.IndexOf(']', StringComparison.Ordinal) < colon)
        {
            var port = host.AsSpan(colon + 1);
            if (port.Length is 0 or > 5 || port.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            name = host[..colon];
        }

        return name.StartsWith('[')
            ? name.Length > 2 && name.EndsWith(']') && name[1..^1].All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            : name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
    }

    private static bool HasUpgradeToken(string? connection)
    {
        if (connection is null)
        {
            return false;
        }

        foreach (var token in connection.Split(','))
        {
            if (token.Trim(' ', '\t').Equals("upgrade", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKey(string? key)
    {
        Span<byte> nonce = stackalloc byte[18];
        return key is { Length: 24 } && Convert.TryFromBase64String(key, nonce, out var written) && written == 16;
    }
}
