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

/// <summary>Issue 19: the document says what the service really answers, so that a generated client can read it.</summary>
public sealed class OpenApiContractTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<JsonNode> DocumentAsync() => await (await app.CreateClient().GetUrlAsync("/openapi/v1.json")).ReadJsonAsync();

    private static JsonNode Operation(JsonNode document, string path, string method) => document["paths"]![path]![method]!;

    [Fact]
    public async Task Problem_bodies_carry_error_and_trace_id_and_allow_more_members()
    {
        var document = await DocumentAsync();
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            var schema = document["components"]!["schemas"]![name]!;
            schema["properties"]!["error"]!["type"]!.GetValue<string>().ShouldBe("string");
            schema["properties"]!["trace_id"].ShouldNotBeNull();
            schema["additionalProperties"]?.GetValueKind().ShouldNotBe(System.Text.Json.JsonValueKind.False);
        }

        // And the service's real 400 has exactly those members.
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.OfficeClient().PostJsonAsync(tenant.CustomersUrl, new { phone = "07700 900123" })).ReadJsonAsync();
        problem["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        problem["trace_id"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Login_needs_no_token_and_documents_401_while_customer_routes_need_one()
    {
        var document = await DocumentAsync();
        document["security"]?.AsArray().ShouldBeEmpty();
        var login = Operation(document, "/api/auth/login", "post");
        (login["security"]?.AsArray() ?? []).ShouldBeEmpty();
        login["responses"]!["401"].ShouldNotBeNull();
        login["requestBody"]!["content"]!["application/json"]!["schema"].ShouldNotBeNull();
        document["components"]!["schemas"]!["LoginRequest"]!["examples"]![0]!["username"]!.GetValue<string>().ShouldBe("office@demo");

        var list = Operation(document, "/api/tenants/{tenantId}/customers", "get");
        list["security"]!.AsArray().Single()!.AsObject().Select(p => p.Key).ShouldBe(["Bearer"]);
        list["responses"]!["401"].ShouldNotBeNull();
        var tooMany = list["responses"]!["429"]!;
        tooMany["headers"]!["Retry-After"]!["schema"]!["type"]!.GetValue<string>().ShouldBe("integer");
    }

    [Fact]
    public async Task Create_documents_its_required_fields_a_nullable_schedule_the_idempotency_key_and_location()
    {
        var document = await DocumentAsync();
        var create = Operation(document, "/api/tenants/{tenantId}/customers", "post");
        var body = create["requestBody"]!["content"]!["application/json"]!;
        body["schema"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["name", "phone"], ignoreOrder: true);
        body["example"]!["name"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        var schedule = body["schema"]!["allOf"]![0]!["properties"]!["schedule"]!;
        schedule["type"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("null");
        create["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
        create["responses"]!["201"]!["headers"]!["Location"].ShouldNotBeNull();
        var bulk = Operation(document, "/api/tenants/{tenantId}/customers/bulk", "post");
        bulk["requestBody"]!["content"]!["application/json"]!["example"]!["customers"]!.AsArray().Count.ShouldBe(2);
        bulk["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
        // The update keeps nothing required.
        Operation(document, "/api/tenants/{tenantId}/customers/{id}", "put")["requestBody"]!["content"]!["application/json"]!["schema"]!["required"].ShouldBeNull();

        // And the service takes the null schedule the document allows.
        var tenant = await app.CreateTenantAsync();
        (await tenant.OfficeClient().PostJsonAsync(tenant.CustomersUrl, new { name = "Null Schedule", phone = "07700 900124", schedule = (object?)null }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_list_parameters_have_types_enums_and_descriptions_and_the_upload_its_file_part()
    {
        var document = await DocumentAsync();
        var parameters = Operation(document, "/api/tenants/{tenantId}/customers", "get")["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>());
        parameters["sort"]!["schema"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("-created_at");
        parameters["archived"]!["schema"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["false", "true", "all"]);
        parameters["limit"]!["schema"]!["type"]!.GetValue<string>().ShouldBe("integer");
        // Every query parameter of every operation says what it takes.
        var queryParameters = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject())
            .SelectMany(op => op.Value!["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").ToList();
        queryParameters.Count.ShouldBeGreaterThan(15);
        queryParameters.ShouldAllBe(p => p!["description"] != null);

        var upload = Operation(document, "/api/tenants/{tenantId}/customers/imports", "post")["requestBody"]!["content"]!;
        var form = upload["multipart/form-data"]!["schema"]!;
        form["properties"]!["file"]!["format"]!.GetValue<string>().ShouldBe("binary");
        form["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["file"]);
        upload["text/csv"].ShouldNotBeNull();
        Operation(document, "/api/tenants/{tenantId}/customers/export", "get")["responses"]!["200"]!["content"]!["text/csv"].ShouldNotBeNull();
    }
}
