using System.Net.Http.Headers;
using System.Text;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportUploadSqliteTests(SqliteApp app) : ImportUploadTests(app), IClassFixture<SqliteApp>;

public sealed class ImportUploadPostgresTests(PostgresApp app) : ImportUploadTests(app), IClassFixture<PostgresApp>;

/// <summary>CSV uploads (§8): CSV or multipart bodies, 202 with a location, and a clear refusal of files that cannot be read.</summary>
public abstract class ImportUploadTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uploads_are_accepted_as_multipart_and_answered_202_with_a_location()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("name,phone\nMulti Part,07700900621\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "people.csv");

        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports", form, Ct);
        var body = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToJsonString());
        response.Headers.Location!.ToString().ShouldBe($"{tenant.CustomersUrl}/imports/{body["id"]}");
        body["status"]!.GetValue<string>().ShouldBe("queued");
        await app.RunImportsAsync();
        (await GetJobAsync(client, tenant, body["id"]!.GetValue<long>()))["created"]!.GetValue<int>().ShouldBe(1);

        var list = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports")).ReadJsonAsync();
        list["imports"]!.AsArray().Select(j => j!["id"]!.GetValue<long>()).ShouldBe([body["id"]!.GetValue<long>()]);
    }

    [Fact]
    public async Task A_multipart_body_cut_short_is_400_and_a_file_name_is_kept_as_readable_text()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        static string Part(string fileName) =>
            $"--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\nname,phone\r\nPart Name,07700 900622\r\n";
        static ByteArrayContent Multipart(string text)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0");
            return content;
        }

        var cut = await client.PostAsync($"{tenant.CustomersUrl}/imports", Multipart(Part("a.csv")), Ct);
        (await cut.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith("The multipart body cannot be read");

        foreach (var name in new[] { "in\0voice\u202e.csv", new string('n', 5_000) + ".csv" })
        {
            var upload = await client.PostAsync($"{tenant.CustomersUrl}/imports", Multipart(Part(name) + "--b0--\r\n"), Ct);
            upload.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
        var names = await app.WithDbAsync(db => db.ImportJobs.Where(j => j.TenantId == tenant.Id).OrderBy(j => j.Id).Select(j => j.FileName).ToListAsync(Ct));
        names.ShouldBe(["invoice.csv", new string('n', 251) + ".csv"]);
    }

    [Fact]
    public async Task A_windows_1252_file_with_semicolons_and_a_tab_separated_one_import_as_people_typed_them()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        // What Excel's plain "CSV" writes on a UK PC: é is 0xE9, £ is 0xA3, ’ is 0x92; semicolons between cells.
        byte[] excel = [.. Encoding.ASCII.GetBytes("Name;Phone;Driver Notes\r\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(" O"), 0x92,
            .. Encoding.ASCII.GetBytes("Neill;07700 900641;Fare "), 0xA3, .. Encoding.ASCII.GetBytes("5\r\n")];
        var first = await StartImportAsync(client, tenant, excel);
        var tabs = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("Name\tPhone\tCity\r\nTab Person\t07700 900642\tLeeds\r\n"));
        await app.RunImportsAsync();

        var job = await GetJobAsync(client, tenant, first);
        (job["status"]!.GetValue<string>(), job["created"]!.GetValue<int>(), job["encoding"]!.GetValue<string>()).ShouldBe(("completed", 1, "windows-1252"));
        (await GetJobAsync(client, tenant, tabs))["encoding"]!.GetValue<string>().ShouldBe("utf-8");
        var people = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.DriverNotes, c.City }).ToListAsync(Ct));
        people.Select(p => (p.Name, p.DriverNotes, p.City)).ShouldBe([("José O’Neill", "Fare £5", null), ("Tab Person", null, "Leeds")]);
    }

    [Fact]
    public async Task Headers_as_people_write_them_are_matched_and_a_first_and_last_name_are_joined()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var crm = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(
            "First Name,SURNAME,Mobile,Post Code,E-mail,Town,Address 1\r\nAnn,Smith,07700 900651,hg1 1bg,ann@example.org,Harrogate,1 High St\r\n"));
        var reversed = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("surname;forename;Tel.\r\nJones;Bob;07700 900652\r\n"));
        await app.RunImportsAsync();

        (await GetJobAsync(client, tenant, crm))["created"]!.GetValue<int>().ShouldBe(1);
        (await GetJobAsync(client, tenant, reversed))["created"]!.GetValue<int>().ShouldBe(1);
        var people = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.Phone, c.Postcode, c.Email, c.City, c.Address }).ToListAsync(Ct));
        people[0].ShouldBe(new { Name = "Ann Smith", Phone = "+447700900651", Postcode = (string?)"HG1 1BG", Email = (string?)"ann@example.org", City = (string?)"Harrogate", Address = (string?)"1 High St" });
        (people[1].Name, people[1].Phone).ShouldBe(("Bob Jones", "+447700900652"));

        var misspelt = await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent("Nmae,Phnoe,Shoe Size\r\nA,07700 900654,9\r\n", Encoding.UTF8, "text/csv"), Ct);
        (await misspelt.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>()
            .ShouldBe("Unknown column(s): 'Nmae', 'Phnoe', 'Shoe Size'. Use the export's column names or the field names (e.g. name, phone), or send a mapping. Perhaps: 'Nmae' → name; 'Phnoe' → phone.");

        var wide = string.Join(',', Enumerable.Range(0, 1_000).Select(i => $"col {i}")) + "\r\n";
        var tooWide = await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(wide, Encoding.UTF8, "text/csv"), Ct);
        (await tooWide.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldContain("and 980 more");
        (await tooWide.Content.ReadAsStringAsync(Ct)).Length.ShouldBeLessThan(4_000);

        var both = await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent("Name,First Name,Phone\r\nA,B,07700 900653\r\n", Encoding.UTF8, "text/csv"), Ct);
        (await both.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>()
            .ShouldBe("Give the name in one column (Name) or in two (First Name and Last Name), not both");
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "This is a zip file but not an Excel workbook (.xlsx)")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 }, "This is an old Excel workbook (.xls)")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x6E, 0x00, 0x61, 0x00 }, "This file is UTF-16 text")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "This is a PDF")]
    [InlineData(new byte[] { 0x6E, 0x61, 0x00, 0x01, 0x02, 0x03 }, "This is not a text file")]
    public async Task A_file_that_is_not_CSV_text_is_refused_saying_what_it_looks_like_and_what_to_upload(byte[] start, string message)
    {
        var tenant = await app.CreateTenantAsync();
        var content = new ByteArrayContent([.. start, .. new byte[200]]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var refused = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports", content, Ct);

        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith(message);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("name,phone,shoe_size,Favourite\r\nA,07700900631,9,x\r\n", "Unknown column(s): 'shoe_size', 'Favourite'")]
    [InlineData("name,Name\r\nA,B\r\n", "Column(s) given more than once: name")]
    public async Task Unreadable_uploads_are_refused_with_a_message(string csv, string message)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith(message);
        (await app.WithDbAsync(db => db.ImportJobs.CountAsync(j => j.TenantId == tenant.Id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_media_type_and_oversized_uploads_are_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();

        await (await client.PostAsync($"{tenant.CustomersUrl}/imports", Http.Json("{}"), Ct)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = new StringBuilder("name,phone\r\n");
        while (huge.Length < 2_100_000)
        {
            huge.Append("Somebody Quite Long,07700900642\r\n");
        }
        await (await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(huge.ToString(), Encoding.UTF8, "text/csv"), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_file_with_an_unclosed_quote_fails_the_job_and_writes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes("name,phone\r\nGood,07700900651\r\n\"Never closed,07700900652\r\n"));
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["status"]!.GetValue<string>().ShouldBe("failed");
        status["error"]!.GetValue<string>().ShouldContain("row 2");
        (await app.WithDbAsync(db => db.Customers.CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
    }
}
