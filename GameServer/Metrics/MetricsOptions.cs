using System.ComponentModel.DataAnnotations;
using System.Net;

namespace GameServer.Metrics;

/// <summary>Settings of the Prometheus endpoint, bound to the <c>Metrics</c> section.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>Whether <c>/metrics</c> is served at all; the instruments (and <c>system.info</c>) work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A port of its own for <c>/metrics</c>, on <see cref="Address"/>; the main port then answers 404 for
    /// it. Unset: <c>/metrics</c> is on the main port. Must differ from the main port.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>The address the metrics port listens on; loopback unless a scraper elsewhere needs it.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Whether a scrape needs an admin's bearer token (<c>Authorization: Bearer &lt;token&gt;</c>).</summary>
    public bool RequireAdmin { get; set; }

    /// <summary>The URL Kestrel listens on for <c>/metrics</c>, or null when it shares the main port.</summary>
    public string? ListenUrl =>
        Port is { } port and >= IPEndPoint.MinPort + 1 and <= IPEndPoint.MaxPort && IPAddress.TryParse(Address, out var address) ? $"http://{new IPEndPoint(address, port)}" : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult("must be an IP address, such as 127.0.0.1 or 0.0.0.0", [nameof(Address)]);
        }
    }
}
