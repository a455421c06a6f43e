using System.Net;

namespace Customers.Api.Hosting;

/// <summary>
/// The reverse proxies (load balancers) in front of the service. Only requests that come from
/// one of them have their X-Forwarded-For and X-Forwarded-Proto believed, so that rate limits
/// and logs see the real client; with none listed, no forwarded header is believed.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsValid() =>
        KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => IPNetwork.TryParse(n, out _));
}
