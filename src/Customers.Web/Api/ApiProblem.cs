using System.Net;

namespace Customers.Web.Api;

/// <summary>
/// Why a call did not succeed, as a plain sentence for the page, and the API's field errors
/// (snake_case field → messages) for the form fields they name.
/// </summary>
public sealed record ApiProblem(HttpStatusCode? Status, string Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    /// <summary>An import refused for its headers: each one with its match, for the mapping step.</summary>
    public IReadOnlyList<ImportColumnMatch>? Columns { get; init; }

    /// <summary>The sentence for the page, unless the field errors already say it on the fields they name.</summary>
    public string? MessageUnlessOnFields => FieldErrors.Count > 0 ? null : Message;

    public static ApiProblem ConnectionLost() =>
        new(null, "The service cannot be reached. Check your connection and try again; nothing you typed is lost.", Empty);

    /// <summary>The API's messages for one field (snake_case, or a path like "schedule.monday.pickup_time"), joined; null if none.</summary>
    public static string? MessageFor(IReadOnlyDictionary<string, string[]> fieldErrors, string field) =>
        fieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}
