using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Extensions;

public static class ErrorHandlingExtensions
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
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Detail = $"Request body is too large: the limit is {maxBytes / (1024 * 1024)} MB",
                    },
                });
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

/// <summary>
/// Turns request errors that the framework throws (bad JSON, unbindable route or query values,
/// oversized bodies) into problem details with a clear message instead of a 500.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string detail;
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json } bad:
                status = bad.StatusCode;
                detail = DescribeJsonError(json);
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                status = bad.StatusCode;
                detail = "Request body is too large";
                break;
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                detail = DescribeBindingError(bad.Message);
                break;
            default:
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName);
                status = StatusCodes.Status500InternalServerError;
                detail = "An unexpected error occurred";
                break;
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    private static string DescribeJsonError(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at {json.Path.TrimStart('$', '.')}";
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"Unknown field '{where.Replace(" at ", "", StringComparison.Ordinal)}'";
        }
        if (json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"Field '{where.Replace(" at ", "", StringComparison.Ordinal)}' has the wrong type";
        }
        var line = json.LineNumber is { } l ? $" (line {l + 1}, position {json.BytePositionInLine + 1})" : "";
        return $"Request body is not valid JSON{line}";
    }

    // The framework's messages name the parameter ("Failed to bind parameter \"int id\" from \"abc\".").
    private static string DescribeBindingError(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        if (message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) && end > start)
        {
            var parameter = message[(start + 1)..end].Split(' ').Last();
            return $"{parameter} must be a whole number";
        }
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.StartsWith("Required parameter", StringComparison.Ordinal))
        {
            return "A JSON request body is required";
        }
        return message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) ? "Content-Type must be application/json" : message;
    }

    [LoggerMessage(LogLevel.Error, "Unhandled exception on {Method} {Endpoint}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string? endpoint);
}
