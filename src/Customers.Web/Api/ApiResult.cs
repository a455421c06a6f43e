namespace Customers.Web.Api;

/// <summary>A call's value, or why there is none.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}
