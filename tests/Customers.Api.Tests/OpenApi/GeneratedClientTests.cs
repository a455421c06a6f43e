using System.Diagnostics;

namespace Customers.Api.Tests.OpenApi;

/// <summary>
/// Issue 19: an integrator's first step. Kiota (the repository's dotnet tool) generates a C#
/// client from the served /openapi/v1.json, and the client compiles against Kiota's packages.
/// </summary>
public sealed class GeneratedClientTests(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("customers-client-").FullName;

    [Fact]
    public async Task A_client_generated_from_the_document_by_Kiota_compiles()
    {
        var document = Path.Combine(_folder, "openapi.json");
        await File.WriteAllTextAsync(document, await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct), Ct);
        var root = TestRepository.Root();
        (await RunAsync(root, "dotnet", "tool", "restore")).ShouldBe(0);

        var output = Path.Combine(_folder, "Client");
        var generate = await RunAsync(root, "dotnet", "kiota", "generate", "--language", "CSharp", "--openapi", document,
            "--output", output, "--namespace-name", "Customers.Client", "--class-name", "CustomersClient", "--log-level", "Warning");
        generate.ShouldBe(0);
        Directory.EnumerateFiles(output, "*.cs", SearchOption.AllDirectories).ShouldContain(f => f.EndsWith("CustomersClient.cs", StringComparison.Ordinal));
        // The error bodies' message and trace id reach the client's exception type.
        var problem = await File.ReadAllTextAsync(Directory.EnumerateFiles(output, "ProblemDetails.cs", SearchOption.AllDirectories).Single(), Ct);
        problem.ShouldContain("\"error\"");
        problem.ShouldContain("\"trace_id\"");

        // Its own project outside the repository (no central versions, no warnings as errors): as an integrator would build it.
        await File.WriteAllTextAsync(Path.Combine(_folder, "Customers.Client.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Kiota.Abstractions" Version="2.1.6" />
                <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" />
                <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="2.1.6" />
                <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="2.1.6" />
                <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="2.1.6" />
                <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="2.1.6" />
              </ItemGroup>
            </Project>
            """, Ct);
        (await RunAsync(_folder, "dotnet", "build", "--nologo", "-v", "quiet")).ShouldBe(0);
    }

    private readonly List<string> _output = [];

    private async Task<int> RunAsync(string folder, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Kiota's own update check and telemetry stay off; no MSBuild node outlives the build (it would hold the pipes open).
        info.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        info.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        _output.Add($"{file} {string.Join(' ', arguments)} → {process.ExitCode}\n{await stdout}{await stderr}");
        if (process.ExitCode != 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(_output[^1]);
            throw new ShouldAssertException(_output[^1]);
        }
        return process.ExitCode;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
