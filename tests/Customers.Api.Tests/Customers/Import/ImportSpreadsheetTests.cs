using System.Net.Http.Headers;
using System.Text;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportSpreadsheetSqliteTests(SqliteApp app) : ImportSpreadsheetTests(app), IClassFixture<SqliteApp>;

public sealed class ImportSpreadsheetPostgresTests(PostgresApp app) : ImportSpreadsheetTests(app), IClassFixture<PostgresApp>;

/// <summary>Excel workbooks read directly and a mapping for the headers nobody foresaw (§8).</summary>
public abstract class ImportSpreadsheetTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_xlsx_with_synonym_headers_a_date_a_phone_stored_as_a_number_and_an_empty_row_imports()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var workbook = await TestWorkbooks.CreateAsync(
            ["First Name", "Surname", "Mobile", "Post Code", "Town", "E-mail", "Driver Notes"],
            ["Ada", "Lovelace", 7700900123L, "LS6 2AB", "Leeds", "ada@example.org", new DateTime(2026, 1, 5)],
            null,
            ["Charles", "Babbage", "07700 900124", "hg11bg", "Harrogate", null, "Ring twice"],
            ["", "Nameless", "not a phone", null, null, null, null]);

        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports", TestWorkbooks.Upload(workbook), Ct);
        var accepted = await response.ReadJsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, accepted.ToJsonString());
        await app.RunImportsAsync();

        var job = await GetJobAsync(client, tenant, accepted["id"]!.GetValue<long>());
        (job["status"]!.GetValue<string>(), job["total_rows"]!.GetValue<int>(), job["created"]!.GetValue<int>(), job["failed"]!.GetValue<int>())
            .ShouldBe(("completed", 4, 2, 1));
        job["file_name"]!.GetValue<string>().ShouldBe("passengers.xlsx");
        job["mapping"]!.ToJsonString().ShouldBe("""{"First Name":"first_name","Surname":"last_name","Mobile":"phone","Post Code":"postcode","Town":"city","E-mail":"email","Driver Notes":"driver_notes"}""");
        var people = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.Phone, c.Postcode, c.City, c.Email, c.DriverNotes }).ToListAsync(Ct));
        people.Select(p => (p.Name, p.Phone, p.Postcode, p.City, p.Email, p.DriverNotes)).ShouldBe([
            ("Ada Lovelace", "+447700900123", "LS6 2AB", "Leeds", "ada@example.org", "2026-01-05"),
            ("Charles Babbage", "+447700900124", "HG1 1BG", "Harrogate", null, "Ring twice"),
        ]);

        // The failed row keeps the number the spreadsheet shows (the empty row 3 counted) and every problem.
        var errors = ParseCsv(await client.GetStringAsync($"{tenant.CustomersUrl}/imports/{job["id"]}/errors", Ct));
        errors[0].ShouldBe(["First Name", "Surname", "Mobile", "Post Code", "Town", "E-mail", "Driver Notes", "Row", "Error"]);
        errors.Count.ShouldBe(2);
        errors[1][7].ShouldBe("5");
        errors[1][8].ShouldContain("Phone number");
    }

    [Fact]
    public async Task A_zip_that_is_no_workbook_and_a_workbook_with_an_empty_sheet_are_refused_with_a_message()
    {
        var tenant = await app.CreateTenantAsync();
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await archive.CreateEntry("notes.txt").OpenAsync(Ct);
            await entry.WriteAsync("hello"u8.ToArray(), Ct);
        }
        var notWorkbook = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports", TestWorkbooks.Upload(zip.ToArray(), "notes.zip"), Ct);
        (await notWorkbook.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>()
            .ShouldStartWith("This is a zip file but not an Excel workbook (.xlsx)");

        var empty = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports", TestWorkbooks.Upload(await TestWorkbooks.CreateAsync()), Ct);
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith("The workbook's first sheet is empty");
    }

    [Fact]
    public async Task Unknown_headers_are_400_with_each_header_its_match_and_likeliest_fields_and_a_mapping_settles_them()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        const string csv = "Full Name,Mobile No,Notes for office,Postcde\r\nGrace Hopper,07700 900125,likes tea,LS1 4AP\r\n";

        var refused = await client.PostAsync($"{tenant.CustomersUrl}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().ShouldStartWith("Unknown column(s): 'Mobile No', 'Notes for office', 'Postcde'");
        problem["columns"]!.AsArray().Select(c => (c!["header"]!.GetValue<string>(), c["field"]?.GetValue<string>())).ShouldBe([
            ("Full Name", "name"), ("Mobile No", null), ("Notes for office", null), ("Postcde", null),
        ]);
        problem["columns"]![3]!["likeliest"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain("postcode");

        // The mapping as a query parameter: a column to a field, and one left out with null.
        const string mapping = """{"Mobile No":"phone","notes for office":null,"Postcde":"postcode"}""";
        var accepted = await client.PostAsync($"{tenant.CustomersUrl}/imports?mapping={Uri.EscapeDataString(mapping)}",
            new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var job = await accepted.ReadJsonAsync();
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, job.ToJsonString());
        job["mapping"]!.ToJsonString().ShouldBe("""{"Full Name":"name","Mobile No":"phone","Notes for office":null,"Postcde":"postcode"}""");
        await app.RunImportsAsync();
        var grace = await app.WithDbAsync(db => db.Customers.SingleAsync(c => c.TenantId == tenant.Id, Ct));
        (grace.Name, grace.Phone, grace.Postcode, grace.DriverNotes).ShouldBe(("Grace Hopper", "+447700900125", "LS1 4AP", null));
    }

    [Fact]
    public async Task A_mapping_in_the_multipart_body_is_used_and_its_run_after_a_dry_run_reads_the_file_the_same_way()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var workbook = await TestWorkbooks.CreateAsync(["Passenger", "Tel No", "Phone"], ["Alan Turing", "07700 900126", "office line"]);
        const string mapping = """{"Passenger":"name","Tel No":"phone","Phone":null}""";

        var dryRun = await client.PostAsync($"{tenant.CustomersUrl}/imports?dry_run=true", TestWorkbooks.Upload(workbook, mapping: mapping), Ct);
        var dryJob = await dryRun.ReadJsonAsync();
        dryRun.StatusCode.ShouldBe(HttpStatusCode.Accepted, dryJob.ToJsonString());
        await app.RunImportsAsync();
        var run = await client.PostAsync($"{tenant.CustomersUrl}/imports/{dryJob["id"]}/run", null, Ct);
        var realJob = await run.ReadJsonAsync();
        run.StatusCode.ShouldBe(HttpStatusCode.Accepted, realJob.ToJsonString());
        realJob["mapping"]!.ToJsonString().ShouldBe(mapping);
        await app.RunImportsAsync();

        (await GetJobAsync(client, tenant, realJob["id"]!.GetValue<long>()))["created"]!.GetValue<int>().ShouldBe(1);
        var alan = await app.WithDbAsync(db => db.Customers.SingleAsync(c => c.TenantId == tenant.Id, Ct));
        (alan.Name, alan.Phone).ShouldBe(("Alan Turing", "+447700900126"));
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.TenantId == tenant.Id).Select(e => e.Action).ToListAsync(Ct));
        audit.ShouldContain("customers.import_run");
    }

    [Theory]
    [InlineData("""["phone"]""", "mapping must be a JSON object")]
    [InlineData("""{"Mobile No":"shoe_size"}""", "mapping names unknown field(s): 'Mobile No' → 'shoe_size'")]
    [InlineData("""{"Mobile No":"phone","Fax":null}""", "mapping names column(s) the file does not have: 'Fax'")]
    [InlineData("""{"Mobile No":7}""", "mapping: the value for 'Mobile No' must be a field name or null")]
    [InlineData("""{"Mobile No":"phone""", "mapping is not valid JSON")]
    [InlineData("""{"Mobile No":"name"}""", "Column(s) given more than once: name")]
    public async Task A_wrong_mapping_is_400_saying_what_is_wrong(string mapping, string message)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports?mapping={Uri.EscapeDataString(mapping)}",
            new StringContent("Name,Mobile No\r\nA B,07700900127\r\n", Encoding.UTF8, "text/csv"), Ct);
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith(message);
    }

    [Fact]
    public async Task A_mapping_given_both_as_query_and_as_a_part_is_400()
    {
        var tenant = await app.CreateTenantAsync();
        var workbook = await TestWorkbooks.CreateAsync(["Name", "Tel No"], ["A B", "07700 900128"]);
        var response = await tenant.OfficeClient().PostAsync($"{tenant.CustomersUrl}/imports?mapping=%7B%7D",
            TestWorkbooks.Upload(workbook, mapping: """{"Tel No":"phone"}"""), Ct);
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().ShouldStartWith("Give the mapping once");
    }
}
