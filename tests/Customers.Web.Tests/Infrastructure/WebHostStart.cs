using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Customers.Web.Tests.Infrastructure;

public static class WebHostStart
{
    /// <summary>The web app's files come from the build's static web assets, as in Development.</summary>
    public static void ServeTheWebApp(IWebHostBuilder builder) => builder.UseStaticWebAssets();

    /// <summary>Starts Kestrel on a free loopback port and returns its address.</summary>
    public static string OnSocket<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        factory.UseKestrel(0);
        factory.StartServer();
        return factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }
}
