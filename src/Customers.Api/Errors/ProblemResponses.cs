using Microsoft.AspNetCore.Mvc;

namespace Customers.Api.Errors;

public static class ProblemResponses
{
    /// <summary>Answers from middleware (before any endpoint runs) with a problem body, as every error is answered.</summary>
    public static async Task WriteProblemAsync(this HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
