using System.Net.Http.Headers;
using System.Text;

namespace Customers.Api.Tests.Errors;

public sealed class HostileInputCorpusSqliteTests(SqliteApp app) : HostileInputCorpusTests(app), IClassFixture<SqliteApp>;

public sealed class HostileInputCorpusPostgresTests(PostgresApp app) : HostileInputCorpusTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// The whole <see cref="HostileInputs"/> corpus against every route that takes input: whatever
/// arrives, the answer is never a 5xx. Each failure is listed with what caused it.
/// </summary>
public abstract class HostileInputCorpusTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] CustomerFields =
    [
        "name", "address", "address_line_2", "city", "county", "postcode", "phone", "email", "paying_org",
        "has_split_payment", "provider_split", "payment_split", "schedule", "emergency_contact_name",
        "emergency_contact_phone", "medical_notes", "medication_notes", "driver_notes", "mobility_requirements",
        "reminder_opt_in", "reminder_preference", "is_login_enabled", "username", "unknown_field",
    ];

    private readonly List<string> failures = [];

    /// <summary>A field of a customer body, with nested schedule paths spelled out.</summary>
    private static string Field(string field, string value) => field switch
    {
        "schedule.pickup_time" => $"\"schedule\":{{\"monday\":{{\"pickup_time\":{value}}}}}",
        "schedule.destination" => $"\"schedule\":{{\"monday\":{{\"pickup_time\":\"09:00\",\"destination\":{value}}}}}",
        "schedule.day" => $"\"schedule\":{{{(value.StartsWith('"') ? value : "\"x\"")}:{{\"pickup_time\":\"09:00\"}}}}",
        _ => $"\"{field}\":{value}",
    };

    private static IEnumerable<string> AllCustomerFields => CustomerFields.Concat(["schedule.pickup_time", "schedule.destination", "schedule.day"]);

    private async Task SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content, string what, Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        headers?.Invoke(request);
        using var response = await client.SendAsync(request, Ct);
        if ((int)response.StatusCode >= 500)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            failures.Add($"{method} {url} [{what}] → {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
        }
    }

    private static ByteArrayContent JsonBytes(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private static string Shown(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private void ShouldHaveNoFailures() =>
        failures.ShouldBeEmpty($"{failures.Count} request(s) got a 5xx:\n" + string.Join('\n', failures.Take(30)));

    [Fact]
    public async Task Every_customer_write_route_answers_each_hostile_field_value_without_a_5xx()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.AdminClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Corpus Target", phone = "07700 900601" }));

        foreach (var value in HostileInputs.JsonValues)
        {
            foreach (var field in AllCustomerFields)
            {
                var what = $"{field} = {Shown(value)}";
                var create = field is "name" or "phone"
                    ? $"{{\"name\":\"Corpus Row\",\"phone\":\"07700 900602\",{Field(field, value)}}}".Replace($"\"{field}\":\"{(field == "name" ? "Corpus Row" : "07700 900602")}\",", "")
                    : $"{{\"name\":\"Corpus Row\",\"phone\":\"07700 900602\",{Field(field, value)}}}";
                await SendAsync(client, HttpMethod.Post, tenant.CustomersUrl, Http.Json(create), what);
                await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/{id}", Http.Json($"{{{Field(field, value)}}}"), what);
                await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", Http.Json($"{{\"customers\":[{create}]}}"), what);
                await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/bulk-update",
                    Http.Json($"{{\"updates\":[{{\"customer_id\":{id},{Field(field, value)}}}]}}"), what);
            }
            foreach (var action in new[] { "bulk-archive", "bulk-unarchive", "bulk-delete" })
            {
                await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/{action}", Http.Json($"{{\"customer_ids\":{value}}}"), Shown(value));
                await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/{action}", Http.Json($"{{\"customer_ids\":[{value}]}}"), Shown(value));
            }
            await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/bulk-update", Http.Json($"{{\"updates\":[{{\"customer_id\":{value},\"city\":\"Leeds\"}}]}}"), Shown(value));
            await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/bulk-update", Http.Json($"{{\"updates\":{value}}}"), Shown(value));
            await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/bulk", Http.Json($"{{\"customers\":{value}}}"), Shown(value));
            await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/{id}/reminder-settings", Http.Json($"{{\"reminder_opt_in\":{value}}}"), Shown(value));
            await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/{id}/reminder-settings", Http.Json($"{{\"reminder_preference\":{value}}}"), Shown(value));
            await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/{id}/reminders", Http.Json($"{{\"message\":{value}}}"), Shown(value));
        }

        ShouldHaveNoFailures();
    }

    [Fact]
    public async Task Every_json_route_answers_each_hostile_body_without_a_5xx()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.AdminClient();
        var platform = app.ClientFor(await app.CreatePlatformAdminAsync());
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Body Target", phone = "07700 900603" }));
        var routes = new (HttpClient Client, HttpMethod Method, string Url)[]
        {
            (client, HttpMethod.Post, tenant.CustomersUrl),
            (client, HttpMethod.Put, $"{tenant.CustomersUrl}/{id}"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/bulk"),
            (client, HttpMethod.Put, $"{tenant.CustomersUrl}/bulk-update"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-archive"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-unarchive"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/bulk-delete"),
            (client, HttpMethod.Put, $"{tenant.CustomersUrl}/{id}/reminder-settings"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/{id}/reminders"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/{id}/archive"),
            (client, HttpMethod.Post, $"{tenant.CustomersUrl}/{id}/unarchive"),
            (client, HttpMethod.Post, $"/api/tenants/{tenant.Id}/users"),
            (platform, HttpMethod.Post, "/api/tenants"),
            (app.CreateClient(), HttpMethod.Post, "/api/auth/login"),
        };

        foreach (var (name, body) in HostileInputs.JsonBodies())
        {
            foreach (var (routeClient, method, url) in routes)
            {
                await SendAsync(routeClient, method, url, JsonBytes(body), name);
            }
        }
        foreach (var value in HostileInputs.JsonValues)
        {
            foreach (var field in new[] { "username", "password", "role" })
            {
                var user = new Dictionary<string, string> { ["username"] = "\"corpus-user\"", ["password"] = "\"corpus-password-1\"", ["role"] = "\"office_staff\"", [field] = value };
                await SendAsync(client, HttpMethod.Post, $"/api/tenants/{tenant.Id}/users",
                    Http.Json("{" + string.Join(',', user.Select(f => $"\"{f.Key}\":{f.Value}")) + "}"), $"{field} = {Shown(value)}");
            }
            await SendAsync(platform, HttpMethod.Post, "/api/tenants", Http.Json($"{{\"name\":{value}}}"), Shown(value));
            await SendAsync(app.CreateClient(), HttpMethod.Post, "/api/auth/login", Http.Json($"{{\"username\":{value},\"password\":\"x\"}}"), Shown(value));
            await SendAsync(app.CreateClient(), HttpMethod.Post, "/api/auth/login", Http.Json($"{{\"username\":\"nobody\",\"password\":{value}}}"), Shown(value));
        }
        await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/{id}/erase", JsonBytes([0xff, 0xfe]), "erase with a bad body");

        ShouldHaveNoFailures();
    }

    [Fact]
    public async Task Every_read_route_answers_each_hostile_query_value_and_path_segment_without_a_5xx()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.AdminClient();
        var id = Id(await client.PostCustomerAsync(tenant, new { name = "Query Target", phone = "07700 900604" }));
        var queries = new (string Url, string[] Parameters)[]
        {
            (tenant.CustomersUrl, ["search", "paying_org", "is_login_enabled", "archived", "page", "limit", "sort"]),
            ($"{tenant.CustomersUrl}/export", ["search", "paying_org", "is_login_enabled", "archived", "sort"]),
            ($"{tenant.CustomersUrl}/check-username", ["username", "exclude_id"]),
            ($"/api/tenants/{tenant.Id}/audit", ["customer_id", "action", "page", "limit"]),
            ($"{tenant.CustomersUrl}/stats", ["x"]),
            ($"{tenant.CustomersUrl}/imports", ["page"]),
        };

        foreach (var value in HostileInputs.QueryValues)
        {
            var escaped = Uri.EscapeDataString(value);
            foreach (var (url, parameters) in queries)
            {
                foreach (var parameter in parameters)
                {
                    await SendAsync(client, HttpMethod.Get, $"{url}?{parameter}={escaped}", null, $"{parameter} = {Shown(value)}");
                }
            }
            // A NUL in a path never reaches the service: the server refuses the request line.
            if (value.Contains('\0'))
            {
                continue;
            }
            foreach (var path in new[]
            {
                $"{tenant.CustomersUrl}/{escaped}", $"{tenant.CustomersUrl}/{escaped}/reminders", $"{tenant.CustomersUrl}/{escaped}/data-export",
                $"{tenant.CustomersUrl}/imports/{escaped}", $"{tenant.CustomersUrl}/imports/{escaped}/errors", $"/api/tenants/{escaped}/customers",
            })
            {
                await SendAsync(client, HttpMethod.Get, path, null, Shown(value));
            }
            await SendAsync(client, HttpMethod.Delete, $"{tenant.CustomersUrl}/imports/{escaped}", null, Shown(value));
            await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/{escaped}/archive", null, Shown(value));
        }
        foreach (var header in new[] { new string('k', 5_000), "\"", "*", "W/\"1\"", "\"99999999999999999999\"", "a, b", "\"x\", W/\"y\"", "" })
        {
            await SendAsync(client, HttpMethod.Put, $"{tenant.CustomersUrl}/{id}", Http.Json("{\"city\":\"Leeds\"}"), $"If-Match {Shown(header)}",
                r => r.Headers.TryAddWithoutValidation("If-Match", header));
            await SendAsync(client, HttpMethod.Post, tenant.CustomersUrl, Http.Json("{\"name\":\"Keyed\",\"phone\":\"07700 900605\"}"), $"Idempotency-Key {Shown(header)}",
                r => r.Headers.TryAddWithoutValidation("Idempotency-Key", header));
        }

        ShouldHaveNoFailures();
    }

    [Fact]
    public async Task The_import_upload_answers_each_hostile_file_without_a_5xx()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        foreach (var (name, contentType, body) in HostileInputs.MultipartBodies())
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/imports", content, name);
        }
        foreach (var (name, body) in HostileInputs.JsonBodies())
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            await SendAsync(client, HttpMethod.Post, $"{tenant.CustomersUrl}/imports", content, name);
        }
        await app.RunImportsAsync();
        var jobs = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports")).ReadJsonAsync();
        foreach (var job in jobs["imports"]!.AsArray())
        {
            job!["status"]!.GetValue<string>().ShouldBeOneOf("completed", "failed");
            await SendAsync(client, HttpMethod.Get, $"{tenant.CustomersUrl}/imports/{job["id"]}/errors", null, "error file");
        }

        ShouldHaveNoFailures();
    }
}
