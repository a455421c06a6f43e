using System.Diagnostics;
using Npgsql;

namespace Customers.Api.Tests.Deployment;

/// <summary>
/// §12: what the Dockerfile runs, run here: the `dotnet publish` output, as an unprivileged user,
/// configured by environment variables alone (the image's and compose file's), migrates, serves,
/// answers its own health check and stops cleanly on SIGTERM.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PublishedServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("customers-publish-").FullName;
    private readonly string _database = $"customers_deploy_{Guid.NewGuid():N}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_published_service_migrates_serves_and_stops_as_a_non_root_user_configured_by_environment_alone()
    {
        var server = TestPostgres.ServerConnectionString
            ?? throw new InvalidOperationException($"This test needs {TestPostgres.Variable}; ./test.sh starts a server.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }
        var publish = await RunAsync("dotnet", ["publish", Path.Combine(TestRepository.Root(), "src", "Customers.Api", "Customers.Api.csproj"),
            "-c", "Release", "-o", Path.Combine(_folder, "app"), "--nologo", "-v", "quiet"], asRoot: true, TimeSpan.FromMinutes(8));
        publish.ExitCode.ShouldBe(0, publish.Output);
        // Readable by everybody, writable by nobody but its owner, as in the image.
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var port = TestRepository.FreePort();
        string[] environment =
        [
            // The Dockerfile's ENV…
            "ASPNETCORE_ENVIRONMENT=Production", $"ASPNETCORE_HTTP_PORTS={port}", "Database__Provider=postgres", "Database__MigrateOnStartup=false",
            // …and the compose file's.
            "ConnectionStrings__Customers=" + new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString,
            "Auth__SigningKey=deployment-test-signing-key-0123456789abcdef",
            $"Portal__InvitationUrl=http://127.0.0.1:{port}/set-password#token={{token}}",
        ];
        var dll = Path.Combine(_folder, "app", "Customers.Api.dll");

        var migrate = await RunAsync("dotnet", [dll, "migrate"], asRoot: false, TimeSpan.FromMinutes(2), environment);
        migrate.ExitCode.ShouldBe(0, migrate.Output);

        using var service = Start("dotnet", [dll], environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpResponseMessage? ready = null;
        for (var attempt = 0; attempt < 120 && ready?.StatusCode != HttpStatusCode.OK; attempt++)
        {
            if (service.HasExited)
            {
                Assert.Fail("The service stopped: " + string.Join("\n", _serviceOutput));
            }
            try
            {
                ready = await http.GetAsync("/health/ready", Ct);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500, Ct);
            }
        }
        ready!.StatusCode.ShouldBe(HttpStatusCode.OK, string.Join("\n", _serviceOutput));

        // Not root: the process runs as the unprivileged user it was started as.
        (await File.ReadAllLinesAsync($"/proc/{service.Id}/status", Ct)).Single(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].ShouldNotBe("0");
        (await RunAsync("dotnet", [dll, "healthcheck"], asRoot: false, TimeSpan.FromMinutes(1), environment)).ExitCode.ShouldBe(0);
        var app = await http.GetAsync("/", Ct);
        app.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Content.ReadAsStringAsync(Ct)).ShouldContain("<html");
        (await http.GetAsync("/api/tenants", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // No demo data outside Development: the demo login does not exist.
        (await http.PostAsync("/api/auth/login", Http.Json(new { username = "admin@demo", password = "demo-password-1" }), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await RunAsync("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], asRoot: true, TimeSpan.FromSeconds(10))).ExitCode.ShouldBe(0);
        service.WaitForExit(TimeSpan.FromSeconds(20)).ShouldBeTrue("SIGTERM did not stop the service within 20 s");
        service.ExitCode.ShouldBe(0, string.Join("\n", _serviceOutput));
        // Stopped, the health check says so.
        (await RunAsync("dotnet", [dll, "healthcheck"], asRoot: false, TimeSpan.FromMinutes(1), environment)).ExitCode.ShouldBe(1);
    }

    // The tests run as root in CI (setpriv drops to nobody) or as a developer (already not root).
    private static ProcessStartInfo StartInfo(string file, string[] arguments, bool asRoot, string[]? environment)
    {
        var dropPrivileges = !asRoot && Environment.UserName == "root";
        var prefix = new List<string>();
        if (dropPrivileges)
        {
            prefix.AddRange(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        }
        if (environment is not null)
        {
            // Only these variables (and a PATH to find dotnet): nothing inherited from the test run.
            prefix.AddRange(["env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", .. environment]);
        }
        var all = prefix.Concat([file]).Concat(arguments).ToList();
        var info = new ProcessStartInfo(all[0], all.Skip(1))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        return info;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _serviceOutput = new();

    // Both streams drained as they come, so a chatty service never blocks on a full pipe.
    private Process Start(string file, string[] arguments, string[] environment)
    {
        var process = Process.Start(StartInfo(file, arguments, asRoot: false, environment))!;
        process.OutputDataReceived += (_, line) => _serviceOutput.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => _serviceOutput.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, bool asRoot, TimeSpan timeout, string[]? environment = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, asRoot, environment))!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        if (TestPostgres.ServerConnectionString is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
