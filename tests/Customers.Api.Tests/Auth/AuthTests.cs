using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Customers.Api.Tests.Auth;

public sealed class AuthSqliteTests(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;

public sealed class AuthPostgresTests(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;

/// <summary>Login (§2): tokens, one answer for every failure, lockout.</summary>
public abstract class AuthTests(CustomersApp app)
{
    private const string Password = "correct-horse-battery";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_the_tenant()
    {
        var tenant = await app.CreateTenantAsync();
        var username = $"staff-{Guid.NewGuid():N}@op";
        await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, tenant.Id);

        var response = await app.CreateClient().PostJsonAsync("/api/auth/login", new { username = username.ToUpperInvariant(), password = Password });
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        body["expiresIn"]!.GetValue<int>().ShouldBe(3600);
        var token = body["accessToken"]!.GetValue<string>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await client.GetUrlAsync(tenant.CustomersUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetUrlAsync($"/api/tenants/{tenant.Id + 1000}/customers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);
        var client = app.CreateClient();

        var wrong = await (await client.PostJsonAsync("/api/auth/login", new { username, password = "nope" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await client.PostJsonAsync("/api/auth/login", new { username = "nobody-" + username, password = "nope" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        wrong["detail"]!.GetValue<string>().ShouldBe(AuthApi.LoginFailed);
        unknown["detail"]!.GetValue<string>().ShouldBe(AuthApi.LoginFailed);
    }

    [Fact]
    public async Task Repeated_failures_block_that_client_even_against_the_right_password_but_not_the_owner_elsewhere()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);

        // A success forgets the client's failures so far: four, then four more, never blocked.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                (await LoginFromAsync("203.0.113.7", username, $"guess-{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }
            (await LoginFromAsync("203.0.113.7", username, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        for (var i = 0; i < 5; i++)
        {
            (await LoginFromAsync("203.0.113.7", username, $"guess-{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var blocked = await LoginFromAsync("203.0.113.7", username, Password);
        (await blocked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().ShouldBe(AuthApi.LoginFailed);
        (await LoginFromAsync("198.51.100.20", username, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var throttle = await app.WithDbAsync(db => db.LoginThrottles.SingleAsync(t => t.UserId == user.Id, Ct));
        throttle.Client.ShouldBe("203.0.113.7");
        throttle.BlockedUntil.ShouldNotBeNull().ShouldBeGreaterThan(DateTime.UtcNow);
    }

    [Fact]
    public async Task Each_failure_past_the_free_ones_doubles_the_block_up_to_the_longest()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);
        var blocks = new List<double>();

        for (var i = 0; i < 10; i++)
        {
            var before = DateTime.UtcNow;
            (await LoginFromAsync("2001:db8:1:2::7", username, $"guess-{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var throttle = await app.WithDbAsync(db => db.LoginThrottles.AsNoTracking().SingleAsync(t => t.UserId == user.Id, Ct));
            blocks.Add(throttle.BlockedUntil is { } until ? Math.Round((until - before).TotalMinutes) : 0);
        }

        blocks.ShouldBe([0, 0, 0, 0, 1, 2, 4, 8, 15, 15]);
        // The burst is on the tenant's record once, when it first blocks (not once per guess).
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == user.TenantId && e.Action == global::Customers.Api.Audit.AuditActions.UserSignInBlocked, Ct))).ShouldBe(1);
        // Another address of the same IPv6 /64 is the same client; another network is not.
        (await LoginFromAsync("2001:db8:1:2::99", username, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginFromAsync("2001:db8:1:3::7", username, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_wrong_guesses_are_each_counted_and_block_the_client()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);

        var guesses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => LoginFromAsync("203.0.113.8", username, $"parallel-guess-{i}")));

        guesses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var throttle = await app.WithDbAsync(db => db.LoginThrottles.SingleAsync(t => t.UserId == user.Id, Ct));
        throttle.FailedCount.ShouldBe(8);
        throttle.BlockedUntil.ShouldNotBeNull();
        await (await LoginFromAsync("203.0.113.8", username, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_blocked_client_costs_the_same_password_check_as_an_unknown_name()
    {
        var hasher = new CountingPasswordHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<User>>(hasher)));
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);
        await app.WithDbAsync(async db =>
        {
            db.LoginThrottles.Add(new LoginThrottle
            {
                UserId = user.Id, Client = "203.0.113.9", FailedCount = 9,
                LastFailedAt = DateTime.UtcNow, BlockedUntil = DateTime.UtcNow.AddMinutes(10),
            });
            return await db.SaveChangesAsync(Ct);
        });

        await LoginFromAsync("203.0.113.9", "nobody-" + username, Password, counted);
        var forUnknown = hasher.Verifications;
        var blocked = await LoginFromAsync("203.0.113.9", username, Password, counted);

        blocked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        forUnknown.ShouldBe(1);
        (hasher.Verifications - forUnknown).ShouldBe(1);
    }

    private Task<HttpResponseMessage> LoginFromAsync(string peer, string username, string password, WebApplicationFactory<Program>? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = System.Net.Http.Json.JsonContent.Create(new { username, password }) };
        request.Headers.Add(TestPeerAddress.Header, peer);
        return (host ?? app).CreateClient().SendAsync(request, Ct);
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(User user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Login_with_missing_or_malformed_fields_is_400()
    {
        var client = app.CreateClient();

        var missing = await (await client.PostJsonAsync("/api/auth/login", new { username = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        missing.FieldErrors("password").ShouldBe(["password is required"]);

        var unknownField = await client.PostAsync("/api/auth/login", Http.Json("""{"username":"x","password":"y","remember":true}"""), Ct);
        (await unknownField.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe("Unknown field 'remember'");

        var wrongType = await client.PostAsync("/api/auth/login", Http.Json("""{"username":5,"password":"y"}"""), Ct);
        (await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldBe("Field 'username' has the wrong type");

        var malformed = await client.PostAsync("/api/auth/login", Http.Json("{\"username\":"), Ct);
        (await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task Passwords_are_stored_as_salted_hashes()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        var first = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, null);
        var second = await app.CreateUserWithPasswordAsync(username + "-2", Password, Roles.OfficeStaff, null);

        first.PasswordHash.ShouldNotContain(Password);
        first.PasswordHash.ShouldNotBe(second.PasswordHash);
    }
}
