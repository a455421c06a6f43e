using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

/// <summary>
/// Issue 18: search at a million customers with a noisy neighbour. Two tenants of
/// <c>--search-rows</c> customers each (the same generated UK data, so the neighbour's rows match
/// the first tenant's queries) and a tenant of 100, written straight into PostgreSQL by one
/// set-based INSERT each; then a mix of searches through the API in every tenant, each with the
/// default sort and <c>-created_at</c>, on the first page and page 5.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly string[] FirstNames =
    [
        "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Muhammad", "Thomas", "Oscar", "William", "James",
        "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Mia", "Poppy", "Ella", "Lily", "Evie", "Margaret",
        "Geoffrey", "Doreen", "Brian", "Sheila", "Kenneth", "Joan", "Barbara", "Derek", "Maureen", "Graham", "Pauline",
    ];

    private static readonly string[] CommonSurnames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis",
        "Harrison", "Baker", "Hughes", "Edwards", "Turner", "Hill", "Moore",
    ];

    // One customer in 5,000 has one of these.
    private static readonly string[] RareSurnames = ["Featherstonehaugh", "Oyelaran", "Quarmby", "Stansfield", "Wolstenholme", "Ackroyd"];

    private static readonly string[] Domains = ["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "outlook.com", "sky.com"];

    private static readonly string[] Outwards = ["LS6", "LS1", "LS2", "HG1", "HG2", "YO1", "BD7", "HX1", "WF1", "S10", "M14", "HU5", "DN1", "LS17"];

    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static async Task RunAsync(HttpClient http, string postgres, int rows, int iterations)
    {
        var big = await CreateTenantAsync(http, "Search big");
        var neighbour = await CreateTenantAsync(http, "Search neighbour");
        var small = await CreateTenantAsync(http, "Search small");
        var stopwatch = Stopwatch.StartNew();
        await InsertAsync(postgres, big, rows);
        await InsertAsync(postgres, neighbour, rows);
        await InsertAsync(postgres, small, 100);
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE customers", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine();
        Console.WriteLine($"Search data: {rows:N0} + {rows:N0} + 100 customers written and analysed in {stopwatch.Elapsed.TotalSeconds:F0} s");

        await using var alone = new NpgsqlConnection(postgres);
        await alone.OpenAsync();
        await MeasureAsync(http, big, small, rows, iterations, (tenantId, text) => CappedCountAsync(alone, tenantId, text));
    }

    /// <summary>
    /// The same mix on a service running on SQLite (issue 18: reported, no target), its rows written
    /// straight into the service's database file by the same formulas.
    /// </summary>
    public static async Task RunSqliteAsync(HttpClient http, string databaseFile, int rows, int iterations)
    {
        var big = await CreateTenantAsync(http, "Search big");
        var neighbour = await CreateTenantAsync(http, "Search neighbour");
        var small = await CreateTenantAsync(http, "Search small");
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Default Timeout=120"))
        {
            await connection.OpenAsync();
            foreach (var (tenantId, count) in new[] { (big, rows), (neighbour, rows), (small, 100) })
            {
                await InsertSqliteAsync(connection, tenantId, count);
            }
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine();
        Console.WriteLine($"Search data (SQLite): {rows:N0} + {rows:N0} + 100 customers written and analysed in {stopwatch.Elapsed.TotalSeconds:F0} s");
        await MeasureAsync(http, big, small, rows, iterations, alone: null);
    }

    private static async Task MeasureAsync(HttpClient http, int big, int small, int rows, int iterations, Func<int, string, Task<double>>? alone)
    {
        Console.WriteLine();
        Console.WriteLine($"| search ({iterations} of each: 2 sorts × pages 1 and 5) | tenant | p50 ms | p95 ms | p99 ms | max total | PostgreSQL alone: capped count p50 / p95 ms | target p95 ≤ 25 ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var (tenantId, size, label) in new[] { (big, rows, $"{rows / 1000:N0}k beside a {rows / 1000:N0}k neighbour"), (small, 100, "100 beside both") })
        {
            var random = new Random(5);
            foreach (var (kind, term) in Kinds(size))
            {
                var times = new List<double>();
                var countTimes = new List<double>();
                var maxTotal = 0;
                for (var i = 0; i < iterations; i++)
                {
                    var sort = i % 2 == 0 ? "name" : "-created_at";
                    var page = i % 4 < 2 ? 1 : 5;
                    var text = term?.Invoke(random);
                    if (text is not null && alone is not null)
                    {
                        countTimes.Add(await alone(tenantId, text));
                    }
                    var query = text is null ? "" : "&search=" + Uri.EscapeDataString(text);
                    var watch = Stopwatch.StartNew();
                    using var response = await http.GetAsync($"/api/tenants/{tenantId}/customers?limit=50&sort={sort}&page={page}{query}");
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    watch.Stop();
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"search {kind}: {(int)response.StatusCode} {body}");
                    }
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    maxTotal = Math.Max(maxTotal, body.GetProperty("pagination").GetProperty("total").GetInt32());
                }
                times.Sort();
                countTimes.Sort();
                var p95 = Percentile(times, 0.95);
                var aloneFigure = countTimes.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{Percentile(countTimes, 0.5):F1} / {Percentile(countTimes, 0.95):F1}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {label} | {Percentile(times, 0.5):F1} | {p95:F1} | {Percentile(times, 0.99):F1} | {maxTotal:N0} | {aloneFigure} | {(p95 <= 25 ? "met" : "MISSED")} |"));
            }
        }
    }

    /// <summary>
    /// PostgreSQL alone doing the least every search needs (§4 "Paging window"): counting its
    /// matches up to 10,001, with the service's terms (CustomerQueries.SearchTerms) written as SQL
    /// by hand and sent straight to the server. Milliseconds.
    /// </summary>
    private static async Task<double> CappedCountAsync(NpgsqlConnection connection, int tenantId, string search)
    {
        await using var count = new NpgsqlCommand { Connection = connection };
        count.Parameters.AddWithValue(tenantId);
        var conditions = new List<string>();
        foreach (var (text, phone) in Customers.Api.Customers.CustomerQueries.SearchTerms(search))
        {
            count.Parameters.AddWithValue(phone ?? Customers.Api.Customers.CustomerQueries.LikePattern(text));
            conditions.Add(phone is null
                ? $"customer_search_text(name, email, phone, postcode) ILIKE ${count.Parameters.Count}"
                : $"phone = ${count.Parameters.Count}");
        }
        count.CommandText = "SELECT count(*) FROM (SELECT 1 FROM customers WHERE tenant_id = $1 AND is_active AND NOT archived AND "
            + string.Join(" AND ", conditions) + " LIMIT 10001) AS matches";
        var watch = Stopwatch.StartNew();
        await count.ExecuteScalarAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Each query kind with a maker of its term (null: the list without search).</summary>
    private static IEnumerable<(string Kind, Func<Random, string>? Term)> Kinds(int rows)
    {
        string Name(int g) => $"{First(g)} {Surname(g)}";
        yield return ("list, no search", null);
        yield return ("full name", r => Name(r.Next(rows)));
        yield return ("surname, common", r => CommonSurnames[r.Next(CommonSurnames.Length)]);
        yield return ("surname, rare", r => RareSurnames[r.Next(RareSurnames.Length)]);
        yield return ("first name + surname", r => $"{FirstNames[r.Next(FirstNames.Length)]} {CommonSurnames[r.Next(CommonSurnames.Length)]}");
        yield return ("surname + first name", r => $"{CommonSurnames[r.Next(CommonSurnames.Length)]} {FirstNames[r.Next(FirstNames.Length)]}");
        yield return ("part of an email", r => { var g = r.Next(rows); return $"{First(g).ToLowerInvariant()}.{Surname(g).ToLowerInvariant()}{g % 1000}"; });
        yield return ("a domain (gmail)", _ => "gmail");
        yield return ("postcode with space", r => Postcode(r.Next(rows)));
        yield return ("postcode without space", r => Postcode(r.Next(rows)).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        yield return ("outward code (LS6)", _ => "LS6");
        yield return ("phone 07712 345678", r => { var p = Phone(r.Next(rows)); return $"0{p[3..7]} {p[7..]}"; });
        yield return ("phone 07712345678", r => "0" + Phone(r.Next(rows))[3..]);
        yield return ("phone +447712345678", r => Phone(r.Next(rows)));
        yield return ("two letters", _ => "jo");
        yield return ("no match", _ => "zzqx");
    }

    // The same formulas as the INSERT below, so that terms name rows that exist.
    private static string First(int g) => FirstNames[g % FirstNames.Length];

    private static string Surname(int g) => g % 5000 == 0 ? RareSurnames[g / 5000 % RareSurnames.Length] : CommonSurnames[g / 7 % CommonSurnames.Length];

    // Domains and outward codes vary independently of the name, as they do in life: they come from
    // the high bits of a multiplicative hash of g. Drawn from g itself (g / 5, g / 11) they were
    // fixed by the first name (g % 36) and surname (g / 7 % 30) together, so a walk of the name
    // order crossed whole names without one "LS6" row.
    private static long Mix(int g) => g * 2654435761L % 4294967296L / 65536;

    private static string Postcode(int g) =>
        $"{Outwards[Mix(g) % Outwards.Length]} {g / 3 % 10}{InwardLetters[g / 30 % 20]}{InwardLetters[g / 600 % 20]}";

    // Mobile numbers in a range libphonenumber holds valid (07700 itself is valid only for 900xxx),
    // so that every written form of one is read as a phone.
    private static string Phone(int g) => "+44771" + (g % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    private static async Task InsertAsync(string postgres, int tenantId, int rows)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        // Arrays are 1-based; every column the service needs, as it would write them.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO customers (tenant_id, name, phone, email, postcode, city, is_active, archived, has_split_payment,
                reminder_opt_in, reminder_preference, is_login_enabled, created_at, updated_at)
            SELECT $1,
                f[1 + g % cardinality(f)] || ' ' || (CASE WHEN g % 5000 = 0 THEN r[1 + (g / 5000) % cardinality(r)] ELSE s[1 + (g / 7) % cardinality(s)] END),
                '+44771' || lpad((g % 10000000)::text, 7, '0'),
                lower(f[1 + g % cardinality(f)]) || '.' || lower(CASE WHEN g % 5000 = 0 THEN r[1 + (g / 5000) % cardinality(r)] ELSE s[1 + (g / 7) % cardinality(s)] END)
                    || (g % 1000) || '@' || d[1 + ((g::bigint * 2654435761 % 4294967296 / 65536 / cardinality(o)) % cardinality(d))::int],
                o[1 + ((g::bigint * 2654435761 % 4294967296 / 65536) % cardinality(o))::int] || ' ' || ((g / 3) % 10) || substr($7, 1 + (g / 30) % 20, 1) || substr($7, 1 + (g / 600) % 20, 1),
                'Leeds', TRUE, FALSE, FALSE, FALSE, 'sms', FALSE,
                now() - make_interval(secs => g), now()
            FROM generate_series(0, $8 - 1) AS g, (SELECT $2::text[] AS f, $3::text[] AS s, $4::text[] AS r, $5::text[] AS d, $6::text[] AS o) AS lists
            """, connection) { CommandTimeout = 0 };
        insert.Parameters.AddWithValue(tenantId);
        insert.Parameters.AddWithValue(FirstNames);
        insert.Parameters.AddWithValue(CommonSurnames);
        insert.Parameters.AddWithValue(RareSurnames);
        insert.Parameters.AddWithValue(Domains);
        insert.Parameters.AddWithValue(Outwards);
        insert.Parameters.AddWithValue(InwardLetters);
        insert.Parameters.AddWithValue(rows);
        await insert.ExecuteNonQueryAsync();
        // The list's total comes from the statistics counters, which a direct INSERT does not move.
        await using var counters = new NpgsqlCommand(
            "INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta) VALUES ($1, 'total', '', $2)", connection);
        counters.Parameters.AddWithValue(tenantId);
        counters.Parameters.AddWithValue(rows);
        await counters.ExecuteNonQueryAsync();
    }

    private static async Task InsertSqliteAsync(Microsoft.Data.Sqlite.SqliteConnection connection, int tenantId, int rows)
    {
        static string Json(string[] list) => JsonSerializer.Serialize(list);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        // The PostgreSQL INSERT's formulas; lists as JSON arrays (0-based), timestamps as EF Core writes them.
        insert.CommandText = """
            WITH RECURSIVE s(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM s WHERE g + 1 < $rows),
            r AS (SELECT g,
                json_extract($f, '$[' || (g % json_array_length($f)) || ']') AS first,
                CASE WHEN g % 5000 = 0 THEN json_extract($r, '$[' || ((g / 5000) % json_array_length($r)) || ']')
                     ELSE json_extract($s, '$[' || ((g / 7) % json_array_length($s)) || ']') END AS surname,
                g * 2654435761 % 4294967296 / 65536 AS mix
                FROM s)
            INSERT INTO customers (tenant_id, name, phone, email, postcode, city, is_active, archived, has_split_payment,
                reminder_opt_in, reminder_preference, is_login_enabled, created_at, updated_at)
            SELECT $tenant, first || ' ' || surname,
                '+44771' || substr('0000000' || (g % 10000000), -7),
                lower(first) || '.' || lower(surname) || (g % 1000) || '@' || json_extract($d, '$[' || ((mix / json_array_length($o)) % json_array_length($d)) || ']'),
                json_extract($o, '$[' || (mix % json_array_length($o)) || ']') || ' ' || ((g / 3) % 10)
                    || substr($inward, 1 + (g / 30) % 20, 1) || substr($inward, 1 + (g / 600) % 20, 1),
                'Leeds', 1, 0, 0, 0, 'sms', 0,
                strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || g || ' seconds'), strftime('%Y-%m-%d %H:%M:%f', 'now')
            FROM r
            """;
        insert.Parameters.AddWithValue("$rows", rows);
        insert.Parameters.AddWithValue("$tenant", tenantId);
        insert.Parameters.AddWithValue("$f", Json(FirstNames));
        insert.Parameters.AddWithValue("$s", Json(CommonSurnames));
        insert.Parameters.AddWithValue("$r", Json(RareSurnames));
        insert.Parameters.AddWithValue("$d", Json(Domains));
        insert.Parameters.AddWithValue("$o", Json(Outwards));
        insert.Parameters.AddWithValue("$inward", InwardLetters);
        insert.CommandTimeout = 0;
        await insert.ExecuteNonQueryAsync();
        await using var counters = connection.CreateCommand();
        counters.Transaction = transaction;
        counters.CommandText = "INSERT INTO customer_stat_deltas (tenant_id, metric, key, delta) VALUES ($tenant, 'total', '', $rows)";
        counters.Parameters.AddWithValue("$tenant", tenantId);
        counters.Parameters.AddWithValue("$rows", rows);
        await counters.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task<int> CreateTenantAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsJsonAsync("/api/tenants", new { name = $"{name} {DateTime.UtcNow:HH:mm:ss}" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenant_id").GetInt32();
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
