using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Errors;

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
