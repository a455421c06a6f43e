using System.Net.Sockets;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>The checkout and the machine, as tests that run tools and servers need them.</summary>
public static class TestRepository
{
    /// <summary>The checkout's root folder (where Customers.slnx is), found above the test binaries.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Customers.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Customers.slnx) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A loopback port nobody listens on now, for a server the test starts.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
