using System.Text;

namespace Customers.Api.Tests.Customers.Import;

public sealed class ImportRowsSqliteTests(SqliteApp app) : ImportRowsTests(app), IClassFixture<SqliteApp>;

public sealed class ImportRowsPostgresTests(PostgresApp app) : ImportRowsTests(app), IClassFixture<PostgresApp>;

/// <summary>CSV import rows (§8): creates, updates, failed rows in the error file, duplicates across batches, dry runs.</summary>
public abstract class ImportRowsTests(CustomersApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_creates_updates_and_reports_failed_rows_in_an_error_file()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var existing = await client.PostCustomerAsync(tenant, new { name = "Existing", phone = "07700900601", city = "Leeds" });
        var csv = "id,NAME,phone,City,email\r\n" +
                  $"{existing["customer_id"]},Existing Renamed,07700900601,,\r\n" +
                  ",New Person,07700 900602,Otley,new@example.org\r\n" +
                  ",No Phone,,Ilkley,\r\n" +
                  ",\"Bad, Email\",07700900603,York,not-an-email\r\n" +
                  ",Too,Many,Fields,Here,Extra\r\n" +
                  "999999,Ghost,07700900604,,\r\n" +
                  ",,,Harrogate,also-bad\r\n";

        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv));
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["status"]!.GetValue<string>().ShouldBe("completed");
        status["total_rows"]!.GetValue<int>().ShouldBe(7);
        status["processed_rows"]!.GetValue<int>().ShouldBe(7);
        status["created"]!.GetValue<int>().ShouldBe(1);
        status["updated"]!.GetValue<int>().ShouldBe(1);
        status["failed"]!.GetValue<int>().ShouldBe(5);
        status["started_at"].ShouldNotBeNull();
        status["finished_at"].ShouldNotBeNull();

        var renamed = await (await client.GetUrlAsync($"{tenant.CustomersUrl}/{existing["customer_id"]}")).ReadJsonAsync();
        renamed["name"]!.GetValue<string>().ShouldBe("Existing Renamed");
        renamed["city"].ShouldBeNull();

        var errors = await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}/errors");
        errors.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = ParseCsv(await errors.Content.ReadAsStringAsync(Ct));
        rows[0].ShouldBe(["id", "NAME", "phone", "City", "email", "Row", "Error"]);
        // Row: as a spreadsheet numbers the record (the header is row 1); Error: every problem of the row.
        rows.Skip(1).Select(r => (r[^2], r[^1])).ShouldBe(
        [
            ("4", "Phone number is required"),
            ("5", "Email is not a valid email address"),
            ("6", "Row has 6 field(s); the header has 5"),
            ("7", "Customer 999999 not found"),
            ("8", "Email is not a valid email address; Name is required; Phone number is required"),
        ]);
        rows[2][1].ShouldBe("Bad, Email");

        // The error file, fixed in place, imports as it is: Row and Error are ignored.
        var fixedFile = "id,NAME,phone,City,email,Row,Error\r\n,No Phone,07700 900605,Ilkley,,4,Phone number is required\r\n";
        var again = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(fixedFile));
        await app.RunImportsAsync();
        (await GetJobAsync(client, tenant, again))["created"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_dry_run_validates_everything_and_writes_no_customer()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var csv = "Name,Phone\r\nDry One,07700900611\r\nDry Two,nope\r\n";

        var response = await client.PostAsync($"{tenant.CustomersUrl}/imports?dry_run=true", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var job = (await response.ReadJsonAsync())["id"]!.GetValue<long>();
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["dry_run"]!.GetValue<bool>().ShouldBeTrue();
        status["created"]!.GetValue<int>().ShouldBe(1);
        status["failed"]!.GetValue<int>().ShouldBe(1);
        (await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_dry_run_finds_duplicates_of_rows_in_earlier_batches_as_the_real_run_does()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        // The tests' batches hold 50 rows: rows 55 and 58 repeat rows 2 and 3 from the first batch.
        var lines = Enumerable.Range(1, 60).Select(i => i switch
        {
            3 => "Batch Person 3,07700 900703,true,batch.three",
            55 => "Batch Person 2,07700 900702,false,",
            58 => "Someone Else,07700 900799,true,batch.three",
            _ => $"Batch Person {i},07700 900{700 + i},false,",
        });
        var csv = "Name,Phone,Login Enabled,Username\r\n" + string.Join("\r\n", lines) + "\r\n";

        async Task<JsonNode> ImportAsync(string query)
        {
            var response = await client.PostAsync($"{tenant.CustomersUrl}/imports{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
            var job = (await response.ReadJsonAsync())["id"]!.GetValue<long>();
            await app.RunImportsAsync();
            return await GetJobAsync(client, tenant, job);
        }

        var dryRun = await ImportAsync("?dry_run=true");
        dryRun["created"]!.GetValue<int>().ShouldBe(58);
        dryRun["failed"]!.GetValue<int>().ShouldBe(2);
        (await app.WithDbAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == tenant.Id, Ct))).ShouldBe(0);

        var real = await ImportAsync("");
        real["created"]!.GetValue<int>().ShouldBe(58);
        real["failed"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Duplicates_are_found_across_batches_including_customers_the_import_just_created_or_renamed()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var before = await client.PostCustomerAsync(tenant, new { name = "Before Import", phone = "07700 900801" });
        var renamed = await client.PostCustomerAsync(tenant, new { name = "Old Name", phone = "07700 900802" });

        // Batches of 50 (the tests' batch size): rows 1–50, 51–100, 101–150.
        var csv = new StringBuilder("ID,Name,Phone\r\n");
        for (var row = 1; row <= 150; row++)
        {
            csv.Append(row switch
            {
                1 => $"{renamed["customer_id"]},New Name,07700 900803\r\n",   // renames a customer
                2 => ",First Batch,07700 900804\r\n",
                60 => ",FIRST BATCH,07700 900804\r\n",                         // the batch just before
                61 => ",New Name,07700 900803\r\n",                            // the customer as renamed just before
                62 => ",Old Name,07700 900802\r\n",                            // its old name is free again
                63 => ",Before Import,07700 900801\r\n",                       // a customer from before the import
                64 => ",Second Batch,07700 900805\r\n",
                120 => ",First  Batch,07700 900804\r\n",                       // two batches back
                121 => ",second batch,07700 900805\r\n",                       // the batch just before
                _ => $",Filler {row},07700 9{row:00000}\r\n",
            });
        }
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv.ToString()));
        await app.RunImportsAsync();

        var status = await GetJobAsync(client, tenant, job);
        status["status"]!.GetValue<string>().ShouldBe("completed");
        status["updated"]!.GetValue<int>().ShouldBe(1);
        status["failed"]!.GetValue<int>().ShouldBe(5);
        var ids = await app.WithDbAsync(db => db.Customers.Where(c => c.TenantId == tenant.Id && c.IsActive)
            .ToDictionaryAsync(c => c.Name, c => c.Id, Ct));
        var errors = ParseCsv(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}/errors")).Content.ReadAsStringAsync(Ct));
        // Records 60, 61… are the spreadsheet's rows 61, 62… (its header is row 1).
        errors.Skip(1).Select(r => (r[^2], r[^1])).ShouldBe(
        [
            ("61", $"Duplicate of customer {ids["First Batch"]}"),
            ("62", $"Duplicate of customer {renamed["customer_id"]}"),
            ("64", $"Duplicate of customer {before["customer_id"]}"),
            ("121", $"Duplicate of customer {ids["First Batch"]}"),
            ("122", $"Duplicate of customer {ids["Second Batch"]}"),
        ]);
        ids.ShouldContainKey("Old Name");
        ids["New Name"].ShouldBe(renamed["customer_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_error_file_repeats_formula_like_cells_made_safe_for_spreadsheets()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.OfficeClient();
        var csv = "Name,Phone,City\r\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",not a phone,@SUM(1)\r\n";
        var job = await StartImportAsync(client, tenant, Encoding.UTF8.GetBytes(csv));
        await app.RunImportsAsync();

        var errors = ParseCsv(await (await client.GetUrlAsync($"{tenant.CustomersUrl}/imports/{job}/errors")).Content.ReadAsStringAsync(Ct));

        errors[1][0].ShouldBe("'=HYPERLINK(\"http://evil.example\",\"x\")");
        errors[1][2].ShouldBe("'@SUM(1)");
    }
}
