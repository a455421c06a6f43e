using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

// End-to-end benchmark of the bulk endpoints against a running service (§10).
// It creates a tenant of its own through the API, so it can target any instance:
//   dotnet run -c Release --project bench/Customers.Bench -- --url http://127.0.0.1:5080
if (args.Contains("--token-check-only"))
{
    // In process, no service or database server needed.
    await Customers.Bench.TokenCheckBenchmark.RunAsync();
    return 0;
}
var options = BenchOptions.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };

var token = await LoginAsync(http, options.Username, options.Password);
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
if (Array.IndexOf(args, "--search-sqlite") is var sqliteAt and >= 0)
{
    // The search mix on a service running on SQLite, whose database file is given.
    await SearchBenchmark.RunSqliteAsync(http, args[sqliteAt + 1], options.SearchRows, options.Iterations);
    return 0;
}
if (args.Contains("--search-only"))
{
    // Issue 18's search benchmark alone: it writes its tenants straight into PostgreSQL.
    await SearchBenchmark.RunAsync(http, options.Postgres ?? throw new InvalidOperationException("--search-only needs --postgres"),
        options.SearchRows, options.Iterations);
    return 0;
}
if (args.Contains("--web-only"))
{
    // The browser benchmark alone (issue 15), on a tenant of --csv-rows imported customers.
    var webTenantId = await CreateTenantAsync(http);
    var csv = new System.Text.StringBuilder(BenchWorkbook.Header + "\r\n");
    for (var i = 0; i < options.CsvRows; i++)
    {
        csv.AppendJoin(',', BenchWorkbook.Row("a", i).Select(Quote)).Append("\r\n");
    }
    var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
    file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    using var upload = await http.PostAsync($"/api/tenants/{webTenantId}/customers/imports", new MultipartFormDataContent { { file, "file", "bench.csv" } });
    if (upload.StatusCode != HttpStatusCode.Accepted)
    {
        throw new InvalidOperationException($"import upload: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
    }
    JsonNode job;
    do
    {
        await Task.Delay(200);
        job = JsonNode.Parse(await http.GetStringAsync(upload.Headers.Location))!;
    }
    while (job["status"]!.GetValue<string>() is "queued" or "running");
    await BrowserBenchmark.RunAsync(options.Url, token, webTenantId, options.CsvRows, options.CsvRows, options.WebReference);
    return 0;
}
var tenantId = await CreateTenantAsync(http);
var customers = $"/api/tenants/{tenantId}/customers";

// The bulk requests are sent as an admin of the tenant, as an operator's staff send them (a
// platform admin's request also checks that the tenant exists).
var adminName = $"bench-admin-{Guid.NewGuid():N}";
var adminPassword = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
using (var created = await http.PostAsJsonAsync($"/api/tenants/{tenantId}/users", new { username = adminName, password = adminPassword, role = "tenant_admin" }))
{
    created.EnsureSuccessStatusCode();
}
using var tenantHttp = new HttpClient { BaseAddress = http.BaseAddress, Timeout = http.Timeout };
tenantHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(tenantHttp, adminName, adminPassword));
Console.WriteLine($"Benchmarking {options.Url} as an admin of tenant {tenantId} (made by {options.Username}): {options.Warmup} warm-up + {options.Iterations} measured rounds of 500");

var timings = new Dictionary<string, List<double>>();
for (var round = 0; round < options.Warmup + options.Iterations; round++)
{
    var measured = round >= options.Warmup;
    void Record(string name, double ms)
    {
        if (measured)
        {
            (timings.TryGetValue(name, out var list) ? list : timings[name] = []).Add(ms);
        }
    }

    // Bulk create, 500 valid rows.
    var (ms, body) = await TimeAsync(tenantHttp, HttpMethod.Post, $"{customers}/bulk", new { customers = Rows(round, "v", invalidEvery: 0) }, HttpStatusCode.Created);
    Record("bulk create 500", ms);
    var ids = body["success"]!.AsArray().Select(s => s!["customerId"]!.GetValue<int>()).ToArray();

    // Bulk update of those 500: two fields each.
    (ms, _) = await TimeAsync(tenantHttp, HttpMethod.Put, $"{customers}/bulk-update",
        new { updates = ids.Select(id => new { customer_id = id, city = $"Leeds {round}", paying_org = "NHS" }) }, HttpStatusCode.OK);
    Record("bulk update 500", ms);

    (ms, _) = await TimeAsync(tenantHttp, HttpMethod.Post, $"{customers}/bulk-archive", new { customer_ids = ids }, HttpStatusCode.OK);
    Record("bulk archive 500", ms);

    (ms, _) = await TimeAsync(tenantHttp, HttpMethod.Post, $"{customers}/bulk-delete", new { customer_ids = ids }, HttpStatusCode.OK);
    Record("bulk delete 500", ms);

    // Bulk create with 10% invalid rows (partial success), then clean up untimed.
    (ms, body) = await TimeAsync(tenantHttp, HttpMethod.Post, $"{customers}/bulk", new { customers = Rows(round, "p", invalidEvery: 10) }, HttpStatusCode.MultiStatus);
    Record("bulk create 500, 10% invalid", ms);
    var partialIds = body["success"]!.AsArray().Select(s => s!["customerId"]!.GetValue<int>()).ToArray();
    await TimeAsync(tenantHttp, HttpMethod.Post, $"{customers}/bulk-delete", new { customer_ids = partialIds }, HttpStatusCode.OK);
}

var targets = new Dictionary<string, double>
{
    ["bulk create 500"] = 60,
    ["bulk create 500, 10% invalid"] = 60,
    ["bulk update 500"] = 80,
    ["bulk archive 500"] = 10,
    ["bulk delete 500"] = 10,
};
Console.WriteLine();
Console.WriteLine("| operation | median ms | p95 ms | target (median) | |");
Console.WriteLine("|---|---:|---:|---:|---|");
foreach (var (name, values) in timings)
{
    values.Sort();
    var median = Percentile(values, 0.5);
    var p95 = Percentile(values, 0.95);
    var target = targets[name];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {median:F1} | {p95:F1} | ≤ {target:F0} | {(median <= target ? "met" : "MISSED")} |"));
}
Console.WriteLine();
Console.WriteLine($"{options.Iterations} requests each; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}");

if (options.CsvRows > 0)
{
    var (csvTenantId, csvRows) = await CsvBenchmarkAsync(http, options);
    // Searched by the names of the first import ("Import a-N", N below --csv-rows); the tenant holds csvRows.
    await BrowserBenchmark.RunAsync(options.Url, token, csvTenantId, csvRows, options.CsvRows, options.WebReference);
}
if (options.Postgres is not null)
{
    await PostgresReferenceAsync(options.Postgres);
}
await Customers.Bench.TokenCheckBenchmark.RunAsync();
return 0;

// The issue's reference figures, measured on this run's PostgreSQL without the service: this VM's
// speed varies from day to day, and the service's numbers above only mean something beside these.
static async Task PostgresReferenceAsync(string connectionString)
{
    await using var source = NpgsqlDataSource.Create(connectionString);
    await using var connection = await source.OpenConnectionAsync();
    async Task RunAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
    const string Columns = "tenant_id, name, address, city, postcode, phone, email, paying_org, has_split_payment, schedule, "
        + "mobility_requirements, reminder_opt_in, reminder_preference, is_login_enabled, archived, is_active, created_at, updated_at";
    const string Schedule = """{"monday": {"pickup_time": "09:00"}}""";
    object? tenantId;
    await using (var tenant = new NpgsqlCommand("SELECT min(tenant_id) FROM tenants", connection))
    {
        tenantId = await tenant.ExecuteScalarAsync();
    }

    // A copy of the customers table with the same indexes (LIKE … INCLUDING ALL; no foreign key).
    // And a bare copy: the same columns and primary key, no other index.
    await RunAsync("""
        DROP TABLE IF EXISTS bench_reference, bench_reference_bare;
        CREATE TABLE bench_reference (LIKE customers INCLUDING ALL);
        CREATE TABLE bench_reference_bare (LIKE customers INCLUDING DEFAULTS INCLUDING IDENTITY, PRIMARY KEY (tenant_id, customer_id));
        """);
    // LIKE does not copy storage parameters: customers' fillfactor leaves room for heap-only updates.
    await RunAsync("""
        DO $$
        DECLARE options text[] := (SELECT reloptions FROM pg_class WHERE oid = 'customers'::regclass);
        BEGIN
            IF options IS NOT NULL THEN
                EXECUTE format('ALTER TABLE bench_reference SET (%s)', array_to_string(options, ', '));
            END IF;
        END $$;
        """);
    try
    {
        List<double> inserts = [], archives = [], deletes = [];
        for (var round = 0; round < 25; round++)
        {
            var rows = Enumerable.Range(0, 500).ToArray();
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO bench_reference ({Columns})
                SELECT $1, n, a, 'Leeds', 'LS6 2QX', p, e, 'NHS', false, '{Schedule}'::jsonb, 'Wheelchair user', true, 'sms', false, false, true, now(), now()
                FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS r(n, a, p, e)
                """, connection)
            {
                Parameters =
                {
                    new() { Value = tenantId },
                    new() { Value = rows.Select(i => $"Reference {round}-{i}").ToArray() },
                    new() { Value = rows.Select(i => $"{i} Station Road").ToArray() },
                    new() { Value = rows.Select(i => $"+447700900{i:000}").ToArray() },
                    new() { Value = rows.Select(i => $"reference{round}.{i}@example.org").ToArray() },
                },
            };
            var stopwatch = Stopwatch.StartNew();
            await insert.ExecuteNonQueryAsync();
            var insertMs = stopwatch.Elapsed.TotalMilliseconds;

            // Then what the service's benchmark does to its 500 (untimed update, timed archive and
            // delete), each statement on its own with a durable commit, as the service's are.
            int[] ids;
            await using (var select = new NpgsqlCommand("SELECT array_agg(customer_id) FROM bench_reference WHERE tenant_id = $1 AND name LIKE $2", connection)
            {
                Parameters = { new() { Value = tenantId }, new() { Value = $"Reference {round}-%" } },
            })
            {
                ids = (int[])(await select.ExecuteScalarAsync())!;
            }
            async Task<double> UpdateAsync(string set, string where)
            {
                await using var update = new NpgsqlCommand(
                    $"UPDATE bench_reference SET {set}, updated_at = now() WHERE tenant_id = $1 AND customer_id = ANY($2){where} RETURNING customer_id, name",
                    connection)
                {
                    Parameters = { new() { Value = tenantId }, new() { Value = ids } },
                };
                var timer = Stopwatch.StartNew();
                await using var reader = await update.ExecuteReaderAsync();
                var changed = 0;
                while (await reader.ReadAsync())
                {
                    changed++;
                }
                if (changed != ids.Length)
                {
                    throw new InvalidOperationException($"UPDATE changed {changed} rows, expected {ids.Length}");
                }
                return timer.Elapsed.TotalMilliseconds;
            }
            await UpdateAsync($"city = 'Leeds {round}', paying_org = 'NHS'", "");
            var archiveMs = await UpdateAsync("archived = TRUE, archived_at = now()", " AND is_active AND NOT archived");
            var deleteMs = await UpdateAsync("is_active = FALSE", " AND is_active");
            if (round >= 5)
            {
                inserts.Add(insertMs);
                archives.Add(archiveMs);
                deletes.Add(deleteMs);
            }
        }
        inserts.Sort();
        archives.Sort();
        deletes.Sort();

        await RunAsync("TRUNCATE bench_reference");
        const int CopyRows = 100_000;
        var csv = new System.Text.StringBuilder();
        for (var i = 0; i < CopyRows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{tenantId},Copy {i},{i} Station Road,Leeds,LS6 2QX,+447700900{i % 1000:000},copy{i}@example.org,NHS,false,\"{Schedule.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Wheelchair user,true,sms,false,false,true,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00\n");
        }
        var text = csv.ToString();
        async Task<TimeSpan> CopyInAsync(string table)
        {
            var stopwatch = Stopwatch.StartNew();
            await using (var writer = await connection.BeginTextImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT csv)"))
            {
                await writer.WriteAsync(text);
            }
            return stopwatch.Elapsed;
        }
        var copyInBare = await CopyInAsync("bench_reference_bare");
        var copyIn = await CopyInAsync("bench_reference");

        var copyOut = Stopwatch.StartNew();
        long lines = 0;
        using (var reader = await connection.BeginTextExportAsync("COPY bench_reference TO STDOUT (FORMAT csv)"))
        {
            while (await reader.ReadLineAsync() is not null)
            {
                lines++;
            }
        }
        copyOut.Stop();
        if (lines != CopyRows)
        {
            throw new InvalidOperationException($"COPY TO returned {lines} rows, expected {CopyRows}");
        }

        Console.WriteLine();
        Console.WriteLine("| PostgreSQL alone, same server (no service) | this run | the issue's figure |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| INSERT … SELECT FROM unnest, 500 rows, with the customers indexes (median of 20) | {Percentile(inserts, 0.5):F1} ms | ~20 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| UPDATE … archived = TRUE … RETURNING, those 500 rows (median of 20) | {Percentile(archives, 0.5):F1} ms | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| UPDATE … is_active = FALSE … RETURNING, those 500 rows (median of 20) | {Percentile(deletes, 0.5):F1} ms | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| COPY FROM, {CopyRows:N0} rows, primary key only | {copyInBare.TotalSeconds:F2} s | ~1.2 s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| COPY FROM, {CopyRows:N0} rows, with the customers indexes | {copyIn.TotalSeconds:F2} s | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| COPY TO, {CopyRows:N0} rows | {copyOut.Elapsed.TotalSeconds:F2} s | ~0.5 s |"));
        Console.WriteLine("(into and out of copies of the customers table: the INSERT, UPDATEs and COPY TO with its indexes, no foreign key;");
        Console.WriteLine(" each statement is sent on its own and commits durably, as the service's writes do)");
    }
    finally
    {
        await RunAsync("DROP TABLE IF EXISTS bench_reference, bench_reference_bare");
    }
}

// CSV import of N rows (upload to completed), then export of them; optionally a bigger export for memory.
// Returns the measured tenant and how many customers it holds, for the browser benchmark.
static async Task<(int TenantId, int Rows)> CsvBenchmarkAsync(HttpClient http, BenchOptions options)
{
    var tenantId = await CreateTenantAsync(http);
    var customers = $"/api/tenants/{tenantId}/customers";
    // A warm-up import and export into a tenant of their own, untimed: the measured ones then
    // run on compiled (tiered JIT) code, as in a service that has been up for a while.
    var warmUp = $"/api/tenants/{await CreateTenantAsync(http)}/customers";
    Console.WriteLine();
    Console.WriteLine("| CSV operation | rows | seconds | rows/s | service memory growth |");
    Console.WriteLine("|---|---:|---:|---:|---:|");

    // Returns the job's URL.
    async Task<string> ImportAsync(int rows, string tag, string? into = null, bool workbook = false, bool report = false, bool longNotes = false)
    {
        byte[] file;
        if (workbook)
        {
            file = await BenchWorkbook.CreateAsync(rows, tag, longNotes);
        }
        else
        {
            var csv = new System.Text.StringBuilder(BenchWorkbook.Header + "\r\n");
            for (var i = 0; i < rows; i++)
            {
                csv.AppendJoin(',', BenchWorkbook.Row(tag, i, longNotes).Select(Quote)).Append("\r\n");
            }
            file = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        }
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(workbook ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        var form = new MultipartFormDataContent { { content, "file", workbook ? "bench.xlsx" : "bench.csv" } };
        var size = file.Length;
        var memoryBefore = ReadRss(options.ServicePid);
        long peak = memoryBefore;
        var stopwatch = Stopwatch.StartNew();
        var uploading = http.PostAsync($"{into ?? customers}/imports", form);
        while (!uploading.IsCompleted)
        {
            peak = Math.Max(peak, ReadRss(options.ServicePid));
            await Task.WhenAny(uploading, Task.Delay(100));
        }
        using var upload = await uploading;
        if (upload.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"import upload: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
        }
        var location = upload.Headers.Location!.ToString();
        JsonNode job;
        do
        {
            await Task.Delay(100);
            peak = Math.Max(peak, ReadRss(options.ServicePid));
            job = JsonNode.Parse(await http.GetStringAsync(location))!;
        }
        while (job["status"]!.GetValue<string>() is "queued" or "running");
        stopwatch.Stop();
        if (job["status"]!.GetValue<string>() != "completed" || job["created"]!.GetValue<int>() != rows)
        {
            throw new InvalidOperationException($"import ended as {job.ToJsonString()}");
        }
        if (into is null || report)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| import {(workbook ? ".xlsx" : "CSV")} of {size / 1e6:F0} MB (upload → completed) | {rows:N0} | {stopwatch.Elapsed.TotalSeconds:F2} | {rows / stopwatch.Elapsed.TotalSeconds:N0} | {Growth(memoryBefore, peak)} (peak) |"));
        }
        return location;
    }

    // Undoing an import that created every row: each created customer soft-deleted, in the background.
    async Task RevertAsync(string job, int rows)
    {
        var memoryBefore = ReadRss(options.ServicePid);
        long peak = memoryBefore;
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.PostAsync($"{job}/revert", null);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"revert: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        JsonNode reverted;
        do
        {
            await Task.Delay(100);
            peak = Math.Max(peak, ReadRss(options.ServicePid));
            reverted = JsonNode.Parse(await http.GetStringAsync(job))!;
        }
        while (reverted["status"]!.GetValue<string>() == "reverting");
        stopwatch.Stop();
        if (reverted["status"]!.GetValue<string>() != "reverted" || reverted["reverted_deleted"]?.GetValue<int>() != rows)
        {
            throw new InvalidOperationException($"revert ended as {reverted.ToJsonString()}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| revert of that import (request → reverted) | {rows:N0} | {stopwatch.Elapsed.TotalSeconds:F2} | {rows / stopwatch.Elapsed.TotalSeconds:N0} | {Growth(memoryBefore, peak)} (peak) |"));
    }


    async Task ExportAsync(int expected, string? from = null)
    {
        var memoryBefore = ReadRss(options.ServicePid);
        long peak = memoryBefore;
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"{from ?? customers}/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long lines = 0;
        int read;
        var sampled = Stopwatch.StartNew();
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            if (sampled.ElapsedMilliseconds > 100)
            {
                peak = Math.Max(peak, ReadRss(options.ServicePid));
                sampled.Restart();
            }
        }
        stopwatch.Stop();
        // Line feeds inside quoted fields would count too; the benchmark rows have none.
        if (lines - 1 != expected)
        {
            throw new InvalidOperationException($"export returned {lines - 1} rows, expected {expected}");
        }
        if (from is not null)
        {
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| export (first byte → last) | {expected:N0} | {stopwatch.Elapsed.TotalSeconds:F2} | {expected / stopwatch.Elapsed.TotalSeconds:N0} | {Growth(memoryBefore, peak)} (peak) |"));
    }

    if (options.ImportWarmupRows > 0)
    {
        await ImportAsync(options.ImportWarmupRows, "w", into: warmUp);
        await ExportAsync(options.ImportWarmupRows, from: warmUp);
    }
    await ImportAsync(options.CsvRows, "a");
    await ExportAsync(options.CsvRows);
    var total = options.CsvRows;
    if (options.XlsxRows > 0)
    {
        // The same rows as an Excel workbook, into a tenant of their own (the reads below use the CSV tenant).
        var workbookJob = await ImportAsync(options.XlsxRows, "x", into: $"/api/tenants/{await CreateTenantAsync(http)}/customers", workbook: true, report: true);
        await RevertAsync(workbookJob, options.XlsxRows);
    }
    if (options.BigFileRows > 0)
    {
        // Files of ~100 MB (rows with 600 characters of notes that do not compress): memory must stay flat.
        await ImportAsync(options.BigFileRows, "f", into: $"/api/tenants/{await CreateTenantAsync(http)}/customers", report: true, longNotes: true);
        await ImportAsync(options.BigFileRows, "g", into: $"/api/tenants/{await CreateTenantAsync(http)}/customers", workbook: true, report: true, longNotes: true);
    }
    while (total < options.BigExportRows)
    {
        var rows = Math.Min(200_000, options.BigExportRows - total);
        await ImportAsync(rows, $"b{total}");
        total += rows;
    }
    if (options.BigExportRows > options.CsvRows)
    {
        await ExportAsync(total);
    }

    // Reading a big tenant: list pages with and without search, and the statistics.
    Console.WriteLine();
    Console.WriteLine($"| read ({total:N0} customers in the tenant) | median ms | p95 ms | target |");
    Console.WriteLine("|---|---:|---:|---|");
    var random = new Random(7);
    var reads = new (string Name, Func<string> Url, string Target)[]
    {
        ("list page, no search", () => $"{customers}?limit=50&page={random.Next(1, 100)}", ""),
        ("list page, search a name", () => $"{customers}?limit=50&search=Import%20a-{random.Next(0, options.CsvRows)}", "p95 ≤ 25 ms"),
        ("list page, search an email part", () => $"{customers}?limit=50&search=import{random.Next(0, 99_999)}%40", "p95 ≤ 25 ms"),
        ("stats", () => $"{customers}/stats", ""),
        // Issue 20: counts, events, staff and retention candidates of the whole tenant.
        ("compliance report", () => $"/api/tenants/{tenantId}/compliance-report", "≤ 1 s"),
    };
    foreach (var (name, url, target) in reads)
    {
        var timings = new List<double>();
        for (var i = 0; i < 23; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url());
            await response.Content.ReadAsByteArrayAsync();
            stopwatch.Stop();
            response.EnsureSuccessStatusCode();
            if (i >= 3)
            {
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }
        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(timings, 0.5):F1} | {Percentile(timings, 0.95):F1} | {target} |"));
    }
    return (tenantId, total);
}

static long ReadRss(int pid)
{
    if (pid <= 0)
    {
        return 0;
    }
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

static string Growth(long before, long after) =>
    before == 0 ? "n/a (no --pid)" : string.Create(CultureInfo.InvariantCulture, $"{(after - before) / (1024.0 * 1024):F0} MB");

// A CSV cell, quoted when it holds a comma, quote or line break.
static string Quote(string cell) => cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

static object[] Rows(int round, string tag, int invalidEvery) =>
    Enumerable.Range(0, 500).Select(i => (object)new Dictionary<string, object?>
    {
        ["name"] = $"Bench {tag}{round}-{i}",
        // Ofcom drama numbers; the names keep rows distinct, so no row is a duplicate.
        ["phone"] = invalidEvery > 0 && i % invalidEvery == 0 ? "not a phone" : $"07700 900{i:000}",
        ["address"] = $"{i} Station Road",
        ["city"] = "Leeds",
        ["postcode"] = "LS6 2QX",
        ["email"] = $"bench{i}@example.org",
        ["paying_org"] = i % 2 == 0 ? "NHS" : "Private",
        ["schedule"] = new { monday = new { pickup_time = "09:00", return_time = "15:30", destination = "Day Centre" } },
        ["reminder_opt_in"] = true,
        ["mobility_requirements"] = "Wheelchair user",
    }).ToArray();

static async Task<(double Ms, JsonNode Body)> TimeAsync(HttpClient http, HttpMethod method, string url, object body, HttpStatusCode expected)
{
    var content = JsonContent.Create(body);
    await content.LoadIntoBufferAsync();
    // Settle the client's own garbage and let the service finish the previous request's
    // background work, so the time below is the service's, not the benchmark's.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    await Task.Delay(20);
    var stopwatch = Stopwatch.StartNew();
    using var response = await http.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    var text = await response.Content.ReadAsStringAsync();
    stopwatch.Stop();
    if (response.StatusCode != expected)
    {
        throw new InvalidOperationException($"{method} {url}: expected {(int)expected}, got {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
    }
    return (stopwatch.Elapsed.TotalMilliseconds, JsonNode.Parse(text)!);
}

static async Task<string> LoginAsync(HttpClient http, string username, string password)
{
    using var response = await http.PostAsJsonAsync("/api/auth/login", new { username, password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

static async Task<int> CreateTenantAsync(HttpClient http)
{
    using var response = await http.PostAsJsonAsync("/api/tenants", new { name = $"Benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}" });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenant_id").GetInt32();
}

static double Percentile(List<double> sorted, double p)
{
    var rank = p * (sorted.Count - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

internal sealed record BenchOptions(string Url, string Username, string Password, int Iterations, int Warmup, int CsvRows, int BigExportRows, int ServicePid, int ImportWarmupRows, string? Postgres, int XlsxRows, int SearchRows, int BigFileRows, string? WebReference)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        return new BenchOptions(
            Get("--url", "http://127.0.0.1:5080"),
            Get("--username", "platform@admin"),
            Get("--password", "demo-password-1"),
            int.Parse(Get("--iterations", "20"), CultureInfo.InvariantCulture),
            // Enough rounds for .NET to compile the hot paths fully (tiered JIT) before measuring.
            int.Parse(Get("--warmup", "30"), CultureInfo.InvariantCulture),
            int.Parse(Get("--csv-rows", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--big-export-rows", "0"), CultureInfo.InvariantCulture),
            int.Parse(Get("--pid", "0"), CultureInfo.InvariantCulture),
            int.Parse(Get("--import-warmup-rows", "30000"), CultureInfo.InvariantCulture),
            // The service's PostgreSQL, for the reference figures (bench/run.sh passes it).
            Get("--postgres", "") is { Length: > 0 } postgres ? postgres : null,
            int.Parse(Get("--xlsx-rows", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--search-rows", "1000000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--big-file-rows", "0"), CultureInfo.InvariantCulture),
            Get("--web-reference", "") is { Length: > 0 } reference && Directory.Exists(reference) ? reference : null);
    }
}
