namespace Customers.Api.Tests.OpenApi;

public sealed class OpenApiSqliteTests(SqliteApp app) : OpenApiTests(app), IClassFixture<SqliteApp>;

public sealed class OpenApiPostgresTests(PostgresApp app) : OpenApiTests(app), IClassFixture<PostgresApp>;

/// <summary>The OpenAPI document and the API reference page.</summary>
public abstract class OpenApiTests(CustomersApp app)
{
    [Fact]
    public async Task OpenApi_document_describes_every_operation_and_the_bearer_scheme()
    {
        var document = await (await app.CreateClient().GetUrlAsync("/openapi/v1.json")).ReadJsonAsync();

        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value!)))
            .ToList();
        operations.Count.ShouldBeGreaterThanOrEqualTo(9);
        foreach (var (path, method, operation) in operations)
        {
            operation["summary"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{method} {path} has no summary");
            operation["operationId"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace($"{method} {path} has no operationId");
        }
        var create = document["paths"]!["/api/tenants/{tenantId}/customers"]!["post"]!;
        create["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();

        // Every schema reference resolves (a linter's first check), and no server URL ends in '/'.
        var schemas = document["components"]!["schemas"]!.AsObject();
        var references = new List<string>();
        Collect(document, references);
        references.ShouldNotBeEmpty();
        references.Where(r => !schemas.ContainsKey(r.Split('/')[^1])).ShouldBeEmpty();
        document["servers"]?.AsArray().Select(s => s!["url"]!.GetValue<string>()).ShouldAllBe(u => !u.EndsWith('/'));
    }

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        references.Add(reference.GetValue<string>());
                    }
                    Collect(value, references);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, references);
                }
                break;
        }
    }

    [Fact]
    public async Task Docs_page_is_served()
    {
        var response = await app.CreateClient().GetUrlAsync("/docs");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("openapi/v1.json");
    }
}
