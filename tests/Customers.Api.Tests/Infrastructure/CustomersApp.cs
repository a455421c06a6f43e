using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Customers.Api.Data.Postgres;
using Customers.Api.Data.Sqlite;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>
/// The service on a real database of its own: a fresh SQLite file or a fresh PostgreSQL database
/// on the shared test server. One instance per test class (a class fixture), so classes run in parallel.
/// </summary>
public abstract class CustomersApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789-0123456789-abcdef";

    public abstract string Provider { get; }

    /// <summary>Extra settings a fixture needs (e.g. low rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected string ConnectionString { get; set; } = "";

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Customers", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests drive the import processor themselves (ImportProcessor.ProcessNextAsync), in small batches.
        builder.UseSetting("Imports:ProcessJobs", "false");
        builder.UseSetting("Stats:RecountTenants", "false");
        builder.UseSetting("DataRetention:Purge", "false");
        // Login tests send many logins from the test server's one (absent) address.
        builder.UseSetting("RateLimits:LoginPerMinute", "1000");
        builder.UseSetting("Imports:BatchSize", "50");
        builder.UseSetting("Imports:ChunkBytes", "4096");
        builder.UseSetting("Imports:MaxUploadBytes", "2000000");
        // A failed run may be retried at once; a job gives way to another tenant's after two batches.
        builder.UseSetting("Imports:RetryDelay", "00:00:00");
        builder.UseSetting("Imports:BatchesPerTurn", "2");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteCustomersDbContext>(options => options.AddInterceptors(_commands));
            services.ConfigureDbContext<PostgresCustomersDbContext>(options => options.AddInterceptors(_commands));
            // A request may say which client address it comes from (rate limits, login throttles).
            services.AddSingleton<IStartupFilter, TestPeerAddress>();
            // Every /api response is kept for the contract test (OpenApiContractConformanceTests).
            services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, ResponseRecorder>());
        });
    }

    private readonly CommandCounter _commands = new();

    /// <summary>
    /// Runs one request and counts the SQL commands the service sent meanwhile. Tests of one class
    /// run one at a time, so the count is the request's own. On SQLite (in-process, no batching)
    /// round trips cost nothing, so callers check the count on PostgreSQL.
    /// </summary>
    public async Task<(HttpResponseMessage Response, int Commands)> CountCommandsAsync(Func<Task<HttpResponseMessage>> request)
    {
        _commands.Reset();
        var response = await request();
        return (response, _commands.Count);
    }

    public T WithDb<T>(Func<CustomersDbContext, T> action)
    {
        using var scope = Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<CustomersDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
    }

    /// <summary>
    /// Makes the database refuse <paramref name="operation"/> (INSERT or UPDATE) of
    /// <paramref name="table"/>'s rows of one tenant, until the result is disposed: a failure half-way
    /// through, where a test needs one.
    /// </summary>
    public async Task<IAsyncDisposable> RefuseAsync(string operation, string table, int tenantId)
    {
        var trigger = $"refuse_{operation}_{table}_{tenantId}".ToLowerInvariant();
        var postgres = Provider == "postgres";
        await WithDbAsync(db => db.Database.ExecuteSqlRawAsync(postgres
            ? $"""
              CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused in a test'; END $$;
              CREATE TRIGGER {trigger} BEFORE {operation} ON {table} FOR EACH ROW WHEN (NEW.tenant_id = {tenantId}) EXECUTE FUNCTION {trigger}();
              """
            : $"""
              CREATE TRIGGER {trigger} BEFORE {operation} ON {table} WHEN NEW.tenant_id = {tenantId}
              BEGIN SELECT RAISE(ABORT, 'refused in a test'); END;
              """));
        return new Refusal(() => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(postgres
            ? $"DROP TRIGGER {trigger} ON {table}; DROP FUNCTION {trigger}();"
            : $"DROP TRIGGER {trigger};")));
    }

    private sealed class Refusal(Func<Task> drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await drop();
    }

    /// <summary>A new tenant of the test's own, with one user per role.</summary>
    public async Task<TestTenant> CreateTenantAsync(string? name = null)
    {
        var (tenant, users) = await WithDbAsync(async db =>
        {
            var t = new Tenant { Name = name ?? $"Tenant {Guid.NewGuid():N}", CreatedAt = DateTime.UtcNow };
            db.Tenants.Add(t);
            await db.SaveChangesAsync();
            var suffix = Guid.NewGuid().ToString("N")[..10];
            var admin = NewUser($"admin-{suffix}", Roles.TenantAdmin, t.Id);
            var office = NewUser($"office-{suffix}", Roles.OfficeStaff, t.Id);
            db.Users.AddRange(admin, office);
            await db.SaveChangesAsync();
            return (t, new[] { admin, office });
        });
        return new TestTenant(this, tenant.Id, users[0], users[1]);
    }

    /// <summary>A user with a real password (slow hash), for login tests.</summary>
    public Task<User> CreateUserWithPasswordAsync(string username, string password, string role, int? tenantId) =>
        WithDbAsync(async db =>
        {
            var user = NewUser(username, role, tenantId);
            user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user;
        });

    public async Task<User> CreatePlatformAdminAsync() =>
        await WithDbAsync(async db =>
        {
            var user = NewUser($"platform-{Guid.NewGuid():N}", Roles.PlatformAdmin, null);
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user;
        });

    /// <summary>Runs queued import jobs to the end, as the background processor would.</summary>
    public async Task RunImportsAsync()
    {
        var processor = Services.GetRequiredService<ImportProcessor>();
        while (await processor.ProcessNextAsync(processor.InstanceId, int.MaxValue, TestContext.Current.CancellationToken))
        {
        }
    }

    /// <summary>A client that sends a real bearer token for the user.</summary>
    public HttpClient ClientFor(User user)
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<TokenService>().Issue(user).AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in through the API (staff: username and password; portal: with tenant_id too) and returns a client with that token.</summary>
    public async Task<HttpClient> SignInAsync(object credentials)
    {
        var login = await CreateClient().PostJsonAsync("/api/auth/login", credentials);
        var body = await login.ReadJsonAsync();
        login.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["accessToken"]!.GetValue<string>());
        return client;
    }

    private static User NewUser(string username, string role, int? tenantId) =>
        new() { Username = username, Role = role, TenantId = tenantId, PasswordHash = "not-a-hash", CreatedAt = DateTime.UtcNow };
}
