using System.Globalization;

namespace Customers.Api.Customers;

/// <summary>
/// A customer's version for HTTP: the ETag of GET and PUT /{id} (its last change's time, to the
/// tick), which a PUT may send back in If-Match to say which version it edited.
/// </summary>
public static class CustomerVersion
{
    public static string ETag(Customer customer) =>
        "\"" + customer.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>True when If-Match is absent, "*", or names this version.</summary>
    public static bool Matches(HttpRequest request, Customer customer)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return true;
        }
        var current = ETag(customer);
        return ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(tag => tag == "*" || tag == current || tag == "W/" + current);
    }
}
