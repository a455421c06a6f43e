namespace Customers.Api.Tests.Infrastructure;

/// <summary>Customer bodies and reads that many suites share (imported statically in GlobalUsings).</summary>
public static class TestCustomers
{
    /// <summary>A create body: name and phone, plus the properties of <paramref name="extra"/> (snake_case names).</summary>
    public static Dictionary<string, object?> Person(string name, string phone, object? extra = null)
    {
        var fields = new Dictionary<string, object?> { ["name"] = name, ["phone"] = phone };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                fields[property.Name] = property.GetValue(extra);
            }
        }
        return fields;
    }

    public static int Id(JsonNode customer) => customer["customer_id"]!.GetValue<int>();

    /// <summary>GET of one customer, which must answer 200.</summary>
    public static async Task<JsonNode> GetCustomerAsync(HttpClient client, TestTenant tenant, int id)
    {
        var response = await client.GetUrlAsync($"{tenant.CustomersUrl}/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    /// <summary>Every customer row of the tenant in the database, deleted ones too.</summary>
    public static Task<int> CountCustomersAsync(TestTenant tenant) =>
        tenant.App.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, TestContext.Current.CancellationToken));
}
