namespace Customers.Api.Tests.Hosting;

public sealed class HealthCheckSqliteTests(SqliteApp app) : HealthCheckTests(app), IClassFixture<SqliteApp>;

public sealed class HealthCheckPostgresTests(PostgresApp app) : HealthCheckTests(app), IClassFixture<PostgresApp>;

/// <summary>Liveness and readiness, answered without a token.</summary>
public abstract class HealthCheckTests(CustomersApp app)
{
    [Fact]
    public async Task Health_endpoints_answer_without_a_token()
    {
        var client = app.CreateClient();
        (await client.GetUrlAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetUrlAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }
}
