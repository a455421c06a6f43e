using System.Net.Http.Headers;
using Sylvan.Data.Csv;

namespace Customers.Api.Tests.Infrastructure;

/// <summary>Uploads, job reads and CSV parsing that the export and import suites share (imported statically in GlobalUsings).</summary>
public static class TestImports
{
    /// <summary>Uploads <paramref name="csv"/> as a text/csv body, which must answer 202; returns the job id.</summary>
    public static async Task<long> StartImportAsync(HttpClient client, TestTenant tenant, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports", content, TestContext.Current.CancellationToken);
        var body = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
        return body["id"]!.GetValue<long>();
    }

    public static async Task<JsonNode> GetJobAsync(HttpClient client, TestTenant tenant, long job) =>
        await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}")).ReadJsonAsync();

    /// <summary>Every record of a CSV text (a leading BOM dropped), the header included.</summary>
    public static List<string[]> ParseCsv(string csv)
    {
        using var reader = CsvDataReader.Create(new StringReader(csv.TrimStart('\uFEFF')), new CsvDataReaderOptions { HasHeaders = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray());
        }
        return records;
    }
}
