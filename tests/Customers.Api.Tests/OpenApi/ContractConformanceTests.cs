using System.Text.RegularExpressions;
using System.Text.Json;
using Json.Schema;

namespace Customers.Api.Tests.OpenApi;

/// <summary>
/// Issue 19's contract test: every /api response the suite's tests received (kept by
/// <see cref="ResponseRecorder"/> in every test host of this process) is checked against the
/// served OpenAPI document: the operation exists, the status is documented, the media type is,
/// and a JSON body (error bodies included) validates against its schema (JsonSchema.Net,
/// draft 2020-12, which OpenAPI 3.1's schemas are). Runs alone, after the parallel classes.
/// </summary>
[Collection(RunAlone.Name)]
public sealed partial class ContractConformanceTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_response_the_suite_received_is_the_one_the_document_describes()
    {
        // A few of its own, so that the check has something to read when run alone.
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var created = await client.PostCustomerAsync(tenant, new { name = "Contract Check", phone = "07700 900931" });
        await client.GetUrlAsync($"{tenant.CustomersUrl}/{created["customer_id"]}");
        await client.GetUrlAsync($"{tenant.CustomersUrl}/999999");
        await client.PostJsonAsync(tenant.CustomersUrl, new { phone = "nope" });
        await app.CreateClient().GetUrlAsync(tenant.CustomersUrl);
        await client.GetUrlAsync($"{tenant.CustomersUrl}?sort=sideways");

        var document = await (await app.CreateClient().GetUrlAsync("/openapi/v1.json")).ReadJsonAsync();
        var definitions = Rewrite(document["components"]!["schemas"]!.DeepClone());
        var schemas = new Dictionary<string, JsonSchema>();
        var findings = new SortedSet<string>(StringComparer.Ordinal);
        var checkedBodies = 0;
        var responses = ResponseRecorder.Responses.ToArray();
        // Requests that reached no endpoint (unknown paths: 404, 405) have no operation to compare with.
        foreach (var response in responses.Where(r => r.Route != ResponseRecorder.NoEndpoint))
        {
            var path = Normalise(response.Route);
            var operation = document["paths"]?[path]?[response.Method.ToLowerInvariant()];
            if (operation is null)
            {
                findings.Add($"{response.Method} {path}: no such operation in the document");
                continue;
            }
            var described = operation["responses"]?[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? operation["responses"]?["default"];
            if (described is null)
            {
                findings.Add($"{response.Method} {path} → {response.Status}: status not documented");
                continue;
            }
            if (response.Body is not { Length: > 0 } || response.MediaType is null)
            {
                continue;
            }
            var media = described["content"]?[response.MediaType];
            if (media is null)
            {
                findings.Add($"{response.Method} {path} → {response.Status}: {response.MediaType} not documented");
                continue;
            }
            if (!response.MediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not { } schemaNode)
            {
                continue;
            }
            var key = $"{response.Method} {path} {response.Status} {response.MediaType}";
            if (!schemas.TryGetValue(key, out var schema))
            {
                var standalone = new JsonObject
                {
                    ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                    ["allOf"] = new JsonArray(Rewrite(schemaNode.DeepClone())),
                    ["$defs"] = definitions.DeepClone(),
                };
                schema = JsonSchema.FromText(standalone.ToJsonString(), baseUri: new Uri($"https://contract.test/{schemas.Count}"));
                schemas[key] = schema;
            }
            using var body = JsonDocument.Parse(response.Body);
            var result = schema.Evaluate(body.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            checkedBodies++;
            if (!result.IsValid)
            {
                var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(3);
                findings.Add($"{key}: body does not match its schema ({string.Join("; ", errors)})");
            }
        }

        responses.Length.ShouldBeGreaterThan(5);
        checkedBodies.ShouldBeGreaterThan(3);
        findings.ShouldBeEmpty($"{findings.Count} finding(s) in {responses.Length} responses:\n" + string.Join("\n", findings.Take(60)));
    }

    // "#/components/schemas/X" → "#/$defs/X", so one standalone schema holds everything it refers to.
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference)
                    {
                        obj[key] = reference.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    }
                    else if (value is not null)
                    {
                        Rewrite(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item);
                    }
                }
                break;
        }
        return node;
    }

    // "/api/tenants/{tenantId:int}/customers/" → "/api/tenants/{tenantId}/customers"
    private static string Normalise(string route)
    {
        var path = Constraint().Replace("/" + route.TrimStart('/'), "}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex Constraint();
}
