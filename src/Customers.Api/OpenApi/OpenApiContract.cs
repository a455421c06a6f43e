using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Customers.Api.OpenApi;

/// <summary>
/// What the framework cannot infer about the real contract (§4, issue 19), so that a client
/// generated from the document sees what the service answers: the problem bodies' <c>error</c>
/// and <c>trace_id</c>, security only where a token is needed, 429 with Retry-After, the
/// Idempotency-Key header, Location on 201, the import's upload forms, the list's parameters.
/// </summary>
public static class OpenApiContract
{
    public static OpenApiOptions AddCustomersContract(this OpenApiOptions options) => options
        .AddSchemaTransformer(DescribeSchemaAsync)
        .AddOperationTransformer(DescribeOperationAsync);

    private static Task DescribeSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            // The service adds members (the seed's error, trace_id, and per-problem ones like columns).
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The detail again: the message existing clients read" };
            schema.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's W3C trace id, for support" };
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
        }
        else if (type == typeof(ImportJobResponse) && schema.Properties?.TryGetValue("mapping", out var mapping) == true && mapping is OpenApiSchema map)
        {
            // A column left out maps to null.
            map.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null };
        }
        else if (type == typeof(LoginRequest))
        {
            schema.Examples = [new JsonObject { ["username"] = "office@demo", ["password"] = "demo-password-1" }];
        }
        // Null members are left out of the answers (the JSON options ignore them when writing):
        // a member that may be null cannot be required.
        if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
        {
            foreach (var name in required.Where(name => properties.TryGetValue(name, out var property) && AllowsNull(property)).ToList())
            {
                required.Remove(name);
            }
        }
        return Task.CompletedTask;
    }

    private static bool AllowsNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)) || schema.OneOf?.Any(AllowsNull) == true || schema.AnyOf?.Any(AllowsNull) == true;

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsToken)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(JwtBearerDefaults.AuthenticationScheme, context.Document)] = [] }];
            AddProblem(operation, "401", "No valid bearer token");
        }
        else
        {
            operation.Security = [];
        }
        if (operation.OperationId == "Login")
        {
            AddProblem(operation, "401", "Wrong username or password, or the account is blocked for a while");
        }

        var tooMany = AddProblem(operation, "429", "Too many requests for this user (or client address) this minute");
        tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
        tooMany.Headers["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds until a request may succeed",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        };

        if (operation.RequestBody is not null)
        {
            AddProblem(operation, "413", "The body is over the size limit");
        }
        if (metadata.OfType<IdempotentEndpoint>().Any())
        {
            AddProblem(operation, "410", "The stored answer to this Idempotency-Key named a customer whose personal data has since been erased");
            AddProblem(operation, "409", "A request with this Idempotency-Key is still running");
            AddProblem(operation, "422", "This Idempotency-Key was used with another request");
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Description = "1–200 printable ASCII characters: a repeat of the request with the same key within 24 h gets the first answer again instead of creating twice; the same key with another request → 422; while the first still runs → 409",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyMiddleware.MaxKeyLength, Pattern = "^[!-~]+$" },
            });
        }
        if (operation.Responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = new OpenApiHeader
            {
                Description = "The new resource's URL",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            };
        }

        // `.Produces(200, contentType: "text/csv")` alone leaves the response without content.
        var csv = metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Any(p => p.StatusCode == StatusCodes.Status200OK && p.ContentTypes.Contains("text/csv"));
        if (csv && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Content ??= new Dictionary<string, OpenApiMediaType>();
            okResponse.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "UTF-8 CSV with a byte-order mark and a header row" },
            };
        }

        switch (operation.OperationId)
        {
            case "UpdateCustomer":
                AllowNullSchedule(operation);
                break;
            case "CreateCustomer":
                AllowNullSchedule(operation);
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body.Schema is { } customer)
                {
                    // The update's body has the same shape with nothing required: wrap, don't change it.
                    body.Schema = new OpenApiSchema { AllOf = [customer], Required = new HashSet<string> { "name", "phone" } };
                    body.Example = new JsonObject
                    {
                        ["name"] = "Margaret Ellis",
                        ["phone"] = "07700 900123",
                        ["address"] = "12 Station Road",
                        ["city"] = "Harrogate",
                        ["postcode"] = "HG1 1BG",
                        ["paying_org"] = "NHS",
                        ["schedule"] = new JsonObject { ["monday"] = new JsonObject { ["pickup_time"] = "09:00", ["return_time"] = "15:30", ["destination"] = "Day centre" } },
                        ["mobility_requirements"] = "Wheelchair user",
                    };
                }
                break;
            case "StartImport":
                DescribeUpload(operation);
                break;
            case "BulkCreateCustomers":
                SetExample(operation, new JsonObject
                {
                    ["customers"] = new JsonArray(
                        new JsonObject { ["name"] = "Margaret Ellis", ["phone"] = "07700 900123", ["postcode"] = "HG1 1BG" },
                        new JsonObject { ["name"] = "Derek Shaw", ["phone"] = "0113 496 0000", ["paying_org"] = "Council" }),
                });
                break;
            case "BulkUpdateCustomers":
                SetExample(operation, new JsonObject
                {
                    ["updates"] = new JsonArray(
                        new JsonObject { ["customer_id"] = 123, ["paying_org"] = "NHS" },
                        new JsonObject { ["customer_id"] = 124, ["schedule"] = null }),
                });
                break;
            case "BulkArchiveCustomers" or "BulkUnarchiveCustomers" or "BulkDeleteCustomers":
                SetExample(operation, new JsonObject { ["customer_ids"] = new JsonArray(123, 124, 125) });
                break;
        }
        DescribeQueryParameters(operation);
        return Task.CompletedTask;
    }

    // `"schedule": null` clears a schedule; the body's schema is built inline from CustomerRequest.
    private static void AllowNullSchedule(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true
            && body.Schema?.Properties?.TryGetValue("schedule", out var schedule) == true && schedule is OpenApiSchema { Type: { } type } inline)
        {
            inline.Type = type | JsonSchemaType.Null;
        }
    }

    private static void SetExample(OpenApiOperation operation, JsonNode example)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = example;
        }
    }

    private static OpenApiResponse AddProblem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.TryGetValue(status, out var existing) && existing is OpenApiResponse known)
        {
            // Keep what the route declared (e.g. bulk create's 422 body) and add the problem body beside it.
            known.Description = known.Content is { Count: > 0 } ? known.Description : description;
            known.Content ??= new Dictionary<string, OpenApiMediaType>();
            known.Content.TryAdd("application/problem+json", new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(ProblemDetails)) });
            return known;
        }
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails)) },
            },
        };
        operation.Responses[status] = response;
        return response;
    }

    // The upload is read from the raw body, so the framework sees no form: say what may be sent.
    private static void DescribeUpload(OpenApiOperation operation)
    {
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var media in ImportUpload.CsvMediaTypes)
        {
            content[media] = new OpenApiMediaType { Schema = binary };
        }
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The CSV or .xlsx (first sheet) file" },
                    ["mapping"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "Optional JSON object: each column header → a customer field, or null to leave the column out",
                    },
                },
            },
        };
        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }

    private static readonly string[] Booleans = ["true", "false"];

    // Every query parameter is bound as text (so a bad value gets a 400 naming it); this says what it takes.
    private static readonly Dictionary<string, (string Description, JsonSchemaType Type, string[]? Values)> QueryParameters = new()
    {
        ["search"] = ("Words that must all match the name, email, phone or postcode (any order); a phone in any form; a postcode with or without its space", JsonSchemaType.String, null),
        ["paying_org"] = ("Only customers paid for by this organisation (exact)", JsonSchemaType.String, null),
        ["is_login_enabled"] = ("Only customers with (true) or without (false) a portal login", JsonSchemaType.String, Booleans),
        ["archived"] = ("false (default): active customers; true: archived ones; all: both", JsonSchemaType.String, ["false", "true", "all"]),
        ["page"] = ("1-based page number; no page may start past row 10,000", JsonSchemaType.Integer, null),
        ["limit"] = ("Rows per page, 1–200 (default 50)", JsonSchemaType.Integer, null),
        ["sort"] = ("Sort key, '-' in front for descending (default name)", JsonSchemaType.String,
            ["name", "-name", "created_at", "-created_at", "updated_at", "-updated_at", "postcode", "-postcode", "customer_id", "-customer_id"]),
        ["deleted"] = ("true: customers deleted in the last 30 days, which admins may restore (admins only)", JsonSchemaType.String, Booleans),
        ["allow_duplicates"] = ("true: create even when the name and phone match an existing customer (default false)", JsonSchemaType.String, Booleans),
        ["atomic"] = ("true: all items or none (one failure fails the request); default false, each item on its own", JsonSchemaType.String, Booleans),
        ["dry_run"] = ("true: check every row and report, writing nothing; the job can then be run for real without a second upload", JsonSchemaType.String, Booleans),
        ["mapping"] = ("JSON object: each column header → a customer field, or null to leave the column out (also accepted as a multipart part)", JsonSchemaType.String, null),
        ["username"] = ("The username to check", JsonSchemaType.String, null),
        ["exclude_customer_id"] = ("A customer whose own username does not count as taken (when editing it)", JsonSchemaType.Integer, null),
        ["customer_id"] = ("Only events about this customer", JsonSchemaType.Integer, null),
        ["action"] = ("Only events of this action", JsonSchemaType.String, AuditActions.All),
        ["from"] = ("First day of the period, yyyy-MM-dd (default a year before to)", JsonSchemaType.String, null),
        ["to"] = ("Last day of the period, yyyy-MM-dd (default today)", JsonSchemaType.String, null),
    };

    private static void DescribeQueryParameters(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name && QueryParameters.TryGetValue(name, out var known))
            {
                parameter.Description = known.Description;
                parameter.Schema = new OpenApiSchema
                {
                    Type = known.Type,
                    Format = name is "from" or "to" ? "date" : null,
                    Minimum = known.Type == JsonSchemaType.Integer ? "1" : null,
                    Maximum = name == "limit" ? "200" : null,
                    Enum = known.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
                };
            }
        }
    }
}
