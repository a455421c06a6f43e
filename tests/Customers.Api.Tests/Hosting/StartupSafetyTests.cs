using Microsoft.Extensions.Options;

namespace Customers.Api.Tests.Hosting;

/// <summary>What the service refuses to do outside Development: sign with a public key, seed users with a public password.</summary>
public sealed class StartupSafetyTests
{
    private const string DevelopmentKey = "development-only-signing-key-change-me-0123456789";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task The_repositorys_development_signing_key_stops_the_service_outside_Development(string environment)
    {
        await using var app = new ConfiguredSqliteApp(environment, new Dictionary<string, string> { ["Auth:SigningKey"] = DevelopmentKey });

        var refused = Should.Throw<OptionsValidationException>(() => app.Services);
        refused.Message.ShouldContain("development key from this repository");
    }

    [Fact]
    public async Task The_development_key_still_works_in_Development()
    {
        await using var app = new ConfiguredSqliteApp("Development", new Dictionary<string, string> { ["Auth:SigningKey"] = DevelopmentKey });

        (await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://portal.example.org/set-password?token={token}")]
    [InlineData("/set-password#token={token}")]
    [InlineData("ftp://portal.example.org/set-password#token={token}")]
    [InlineData("https://portal.example.org/set-password#welcome")]
    public async Task An_invitation_link_that_would_carry_its_token_outside_the_fragment_stops_the_service(string url)
    {
        await using var app = new ConfiguredSqliteApp("Development", new Dictionary<string, string> { ["Portal:InvitationUrl"] = url });

        var refused = Should.Throw<OptionsValidationException>(() => app.Services);
        refused.Message.ShouldContain("Portal:InvitationUrl must be an absolute http or https link");
    }

    [Fact]
    public async Task A_configured_invitation_link_with_its_token_after_the_hash_is_taken()
    {
        await using var app = new ConfiguredSqliteApp("Development", new Dictionary<string, string> { ["Portal:InvitationUrl"] = "https://portal.example.org/set-password#token={token}" });

        (await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Staging", false, false)]
    [InlineData("Staging", true, true)]
    [InlineData("Production", true, false)]
    [InlineData("Development", false, true)]
    public async Task Demo_users_are_seeded_in_Development_or_when_explicitly_allowed_but_never_in_Production(
        string environment, bool allowOutsideDevelopment, bool seeded)
    {
        await using var app = new ConfiguredSqliteApp(environment, new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true",
            ["Demo:AllowOutsideDevelopment"] = allowOutsideDevelopment ? "true" : "false",
        });

        var demoUsers = await app.WithDbAsync(db => db.Users.CountAsync(u => u.Username == "admin@demo", TestContext.Current.CancellationToken));
        demoUsers.ShouldBe(seeded ? 1 : 0);
    }
}
