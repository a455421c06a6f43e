namespace Customers.Api.Tests.Idempotency;

public sealed class IdempotencySqliteTests(SqliteApp app) : IdempotencyTests(app), IClassFixture<SqliteApp>;

public sealed class IdempotencyPostgresTests(PostgresApp app) : IdempotencyTests(app), IClassFixture<PostgresApp>;

/// <summary>Idempotency-Key on create and bulk requests (§5).</summary>
public abstract class IdempotencyTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Request(HttpMethod method, string url, string key, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = Http.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response_without_writing_again()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var body = new { customers = new[] { new { name = "Once Only", phone = "07700900101" } } };

        var first = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "import-2026-11-23", body), Ct);
        var firstText = await first.Content.ReadAsStringAsync(Ct);
        var second = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "import-2026-11-23", body), Ct);
        var secondText = await second.Content.ReadAsStringAsync(Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        secondText.ShouldBe(firstText);
        second.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(1);
        (await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_replayed_create_returns_the_same_customer_and_location()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var body = new { name = "Single", phone = "07700900102" };

        var first = await client.SendAsync(Request(HttpMethod.Post, tenant.CustomersUrl, "create-1", body), Ct);
        var second = await client.SendAsync(Request(HttpMethod.Post, tenant.CustomersUrl, "create-1", body), Ct);

        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await second.ReadJsonAsync())["customer_id"]!.GetValue<int>().ShouldBe((await first.ReadJsonAsync())["customer_id"]!.GetValue<int>());
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-archive", "k-1", new { customer_ids = new[] { 1 } }), Ct);

        var reused = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-archive", "k-1", new { customer_ids = new[] { 2 } }), Ct);

        (await reused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))["detail"]!.GetValue<string>().ShouldContain("different request");
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_is_409()
    {
        var tenant = await app.CreateTenantAsync();
        var body = new { customers = new[] { new { name = "Racing", phone = "07700900103" } } };
        var client = tenant.OfficeClient();
        // Another instance claimed the key a moment ago and has not answered yet.
        var first = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "busy-key", body), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        await app.WithDbAsync(db => db.IdempotencyRecords
            .Where(r => r.TenantId == tenant.Id && r.Key == "busy-key")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.CreatedAt, DateTime.UtcNow.AddMinutes(-5))
                .SetProperty(r => r.LeaseUntil, DateTime.UtcNow.Add(global::Customers.Api.Idempotency.IdempotencyMiddleware.LeaseLength)), Ct));

        var second = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "busy-key", body), Ct);

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        second.Headers.RetryAfter.ShouldNotBeNull();
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task An_abandoned_claim_or_an_expired_key_is_taken_over()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var archive = new { customer_ids = new[] { 123456 } };
        await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-delete", "old-key", archive), Ct);
        await app.WithDbAsync(db => db.IdempotencyRecords
            .Where(r => r.TenantId == tenant.Id && r.Key == "old-key")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTime.UtcNow.AddHours(-25)), Ct));

        var again = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-delete", "old-key", new { customer_ids = new[] { 654321 } }), Ct);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.Contains("Idempotency-Replayed").ShouldBeFalse();
        (await again.ReadJsonAsync())["skipped"]![0]!["id"]!.GetValue<int>().ShouldBe(654321);
    }

    [Fact]
    public async Task A_claim_whose_instance_died_is_taken_over_once_its_lease_has_run_out()
    {
        var tenant = await app.CreateTenantAsync();
        var body = new { customers = new[] { new { name = "After Crash", phone = "07700900105" } } };
        var client = tenant.OfficeClient();
        // The instance that claimed the key a minute ago died before answering: it renews nothing.
        var first = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "crashed-key", body), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        await app.WithDbAsync(async db =>
        {
            await db.Customers.Where(c => c.TenantId == tenant.Id).ExecuteDeleteAsync(Ct);
            return await db.IdempotencyRecords.Where(r => r.TenantId == tenant.Id && r.Key == "crashed-key")
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.CreatedAt, DateTime.UtcNow.AddMinutes(-1))
                    .SetProperty(r => r.LeaseUntil, DateTime.UtcNow.AddSeconds(-1)), Ct);
        });

        var retry = await client.SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "crashed-key", body), Ct);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Contains("Idempotency-Replayed").ShouldBeFalse();
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_user()
    {
        var tenant = await app.CreateTenantAsync();
        var body = new { customers = new[] { new { name = "Shared Key", phone = "07700900104" } } };

        var byOffice = await tenant.OfficeClient().SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", "same", body), Ct);
        var byAdmin = await tenant.AdminClient().SendAsync(Request(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk?allow_duplicates=true", "same", body), Ct);

        byOffice.StatusCode.ShouldBe(HttpStatusCode.Created);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.Created);
        byAdmin.Headers.Contains("Idempotency-Replayed").ShouldBeFalse();
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(2);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    [InlineData(null)]
    public async Task A_malformed_key_is_400(string? key)
    {
        key ??= new string('k', 201);
        var tenant = await app.CreateTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{tenant.CustomersUrl}/bulk") { Content = Http.Json(new { customers = new[] { new { name = "A", phone = "07700900105" } } }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await tenant.OfficeClient().SendAsync(request, Ct);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("Idempotency-Key");
    }
}
