using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Customers.Api.Hosting;

public static class ForwardedHeadersRegistration
{
    /// <summary>Believes X-Forwarded-For and -Proto from the configured proxies only (<see cref="ProxyOptions"/>).</summary>
    public static IHostApplicationBuilder AddCustomersForwardedHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.IsValid(), "Proxy:KnownProxies must hold IP addresses and Proxy:KnownNetworks networks in CIDR form (10.0.0.0/8)").ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default: nobody is trusted unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
            foreach (var network in proxies.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return builder;
    }
}
