using System.Text;
using System.Text.Json;

namespace Customers.Api.Tests.Infrastructure;

public static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    /// <summary>The ids of the customers a bulk create's response lists as created, in row order.</summary>
    public static int[] CreatedCustomerIds(this JsonNode bulkCreateResponse) =>
        [.. bulkCreateResponse["success"]!.AsArray().Select(s => s!["customerId"]!.GetValue<int>())];

    /// <summary>Asserts a problem-details response and returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = JsonNode.Parse(text)!;
        body["status"]!.GetValue<int>().ShouldBe((int)status);
        var detail = body["detail"]?.GetValue<string>();
        detail.ShouldNotBeNullOrWhiteSpace();
        body["error"]!.GetValue<string>().ShouldBe(detail);
        return body;
    }

    public static string[] FieldErrors(this JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToArray() ?? [];

    public static async Task<JsonNode> PostCustomerAsync(this HttpClient client, TestTenant tenant, object body)
    {
        var response = await client.PostAsync(tenant.CustomersUrl, Json(body), TestContext.Current.CancellationToken);
        var json = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    /// <summary>The names on the tenant's customer list for <paramref name="query"/> (a 200 is required).</summary>
    public static async Task<string[]> ListCustomerNamesAsync(this HttpClient client, TestTenant tenant, string query)
    {
        var response = await client.GetUrlAsync($"{tenant.CustomersUrl}?{query}");
        var body = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body["customers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsync(url, Json(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsync(url, Json(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> GetUrlAsync(this HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
}
