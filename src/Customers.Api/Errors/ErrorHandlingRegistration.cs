namespace Customers.Api.Errors;

public static class ErrorHandlingRegistration
{
    public static IHostApplicationBuilder AddCustomersErrorHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // The seed's clients read `error`; RFC 9457 clients read `detail`. Both carry the message.
            problem.Detail ??= DefaultDetail(problem.Status);
            problem.Extensions["error"] = problem.Detail;
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures (malformed JSON, "abc" for an int id) throw, so they get a message.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            // "5" is not a number: clients send JSON types, and the OpenAPI schemas say so.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        return builder;
    }

    /// <summary>
    /// Refuses a body whose declared length is over the limit (the endpoint's own, e.g. imports,
    /// or <paramref name="defaultMaxBytes"/>) before anything reads it, with a problem body.
    /// Kestrel enforces the same limit on bodies sent without a length.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long defaultMaxBytes) =>
        app.Use(async (context, next) =>
        {
            var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? defaultMaxBytes;
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }
            if (context.Request.ContentLength > maxBytes)
            {
                await context.WriteProblemAsync(StatusCodes.Status413PayloadTooLarge, $"Request body is too large: the limit is {maxBytes / (1024 * 1024)} MB");
                return;
            }
            await next(context);
        });

    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid bearer token is required",
        StatusCodes.Status403Forbidden => "You do not have access to this resource",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status413PayloadTooLarge => "Request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "This Content-Type is not accepted here (JSON endpoints take application/json)",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred",
        _ => null,
    };
}
