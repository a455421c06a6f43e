namespace Customers.Api.Errors;

/// <summary>Problem-details results with a human message in <c>detail</c> (copied to the seed's <c>error</c>).</summary>
public static class Problems
{
    public static ValidationProblem Validation(IDictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            detail: string.Join("; ", errors.SelectMany(e => e.Value)),
            title: "One or more fields are invalid");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Conflict(string detail, string? field = null) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status409Conflict,
            extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
