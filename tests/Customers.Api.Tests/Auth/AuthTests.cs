using Microsoft.AspNetCore.Identity;
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
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await client.PostJsonAsync("/api/auth/login", new { username, password = $"guess-{i}" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var locked = await client.PostJsonAsync("/api/auth/login", new { username, password = Password });

        await locked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id, Ct));
        stored.LockedUntil.ShouldNotBeNull();
        stored.LockedUntil!.Value.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task Concurrent_wrong_guesses_are_each_counted_and_lock_the_account()
    {
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);

        var guesses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            app.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = $"parallel-guess-{i}" })));

        guesses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id, Ct))).LockedUntil.ShouldNotBeNull();
        await (await app.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = Password })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_locked_account_costs_the_same_password_check_as_an_unknown_name()
    {
        var hasher = new CountingPasswordHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<User>>(hasher)));
        var username = $"staff-{Guid.NewGuid():N}";
        var user = await app.CreateUserWithPasswordAsync(username, Password, Roles.OfficeStaff, (await app.CreateTenantAsync()).Id);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, DateTime.UtcNow.AddMinutes(10)), Ct));

        await counted.CreateClient().PostJsonAsync("/api/auth/login", new { username = "nobody-" + username, password = Password });
        var forUnknown = hasher.Verifications;
        await counted.CreateClient().PostJsonAsync("/api/auth/login", new { username, password = Password });

        forUnknown.ShouldBe(1);
        (hasher.Verifications - forUnknown).ShouldBe(1);
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
