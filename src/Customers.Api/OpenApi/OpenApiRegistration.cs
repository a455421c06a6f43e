using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Customers.Api.OpenApi;

public static class OpenApiRegistration
{
    public static IHostApplicationBuilder AddCustomersOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddOperationTransformer(DescribeRawJsonBodyAsync).AddCustomersContract().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Customers API",
                Version = "v1",
                Description = "Customer records for community and patient transport operators.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[JwtBearerDefaults.AuthenticationScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from POST /api/auth/login",
            };
            // Raw JSON bodies are documented by their real shape (DescribeRawJsonBodyAsync); what
            // is left of JsonElement (audit details) is free-form JSON.
            if (document.Components.Schemas?.ContainsKey(nameof(JsonElement)) == true)
            {
                document.Components.Schemas[nameof(JsonElement)] = new OpenApiSchema { Description = "Free-form JSON" };
            }
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }
            document.Info.License = new OpenApiLicense { Name = "Proprietary" };
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "Auth", Description = "Log in for a bearer token" },
                new() { Name = "Tenants", Description = "Operators and their staff logins" },
                new() { Name = "Customers", Description = "Passengers: records, bulk work, CSV, statistics, reminders, data protection" },
                new() { Name = "Audit", Description = "Who did what to customer records" },
            };
            // Security is set per operation (OpenApiContract): login and the health checks need no token.
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// Handlers that read a raw <see cref="JsonElement"/> body (to tell absent from null) declare
    /// the real shape with <c>Accepts&lt;T&gt;</c>; document that shape instead of "any JSON".
    /// </summary>
    private static async Task DescribeRawJsonBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var readsRawJson = context.Description.ParameterDescriptions.Any(p =>
            p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body && p.Type == typeof(JsonElement));
        var accepts = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()
            .FirstOrDefault(a => a.RequestType is not null && a.RequestType != typeof(JsonElement));
        if (!readsRawJson || accepts is null || operation.RequestBody?.Content is null)
        {
            return;
        }
        var schema = await context.GetOrCreateSchemaAsync(accepts.RequestType!, null, cancellationToken);
        foreach (var media in operation.RequestBody.Content.Values)
        {
            media.Schema = schema;
        }
    }

    public static WebApplication MapCustomersOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Customers API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
