using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;

/// <summary>
/// The office web app in Debian's Chromium (§10): what a cold first load of the customers table
/// transfers and how long it takes until the table shows rows, and how long after the last key
/// of a search the table shows its results, on the benchmark's big tenant. Each load of the app
/// alternates with a load of the reference app (bench/ReferenceApp, when published): the .NET
/// WebAssembly runtime alone showing the same first page, this machine's floor for the figure.
/// </summary>
internal static class BrowserBenchmark
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Loads = 5;

    public static async Task RunAsync(string url, string token, int tenantId, int rows, int namedRows, string? referenceSite)
    {
        if (!File.Exists(Chromium))
        {
            Console.WriteLine();
            Console.WriteLine($"(browser benchmark skipped: {Chromium} is missing)");
            return;
        }
        await using var reference = referenceSite is null ? null : await StartReferenceAsync(referenceSite, url, token, tenantId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        // The signed-in tab as the app keeps it: a platform admin's token and the tenant picked.
        var session = JsonSerializer.Serialize(new { Token = token, ChosenTenantId = tenantId, TenantName = "Benchmark" });
        var storeSession = $"sessionStorage.setItem('customers.session', {JsonSerializer.Serialize(session)});";

        List<double> loads = [], transfers = [], referenceLoads = [], referenceTransfers = [];
        IPage? page = null;
        for (var i = 0; i < Loads; i++)
        {
            var diagnose = i == Loads - 1;
            if (reference is not null)
            {
                var (referenceMs, referenceMb, referencePage) = await ColdLoadAsync(browser, reference.Url, storeSession, diagnose: false);
                await referencePage.Context.CloseAsync();
                referenceLoads.Add(referenceMs);
                referenceTransfers.Add(referenceMb);
            }
            var (ms, mb, loaded) = await ColdLoadAsync(browser, url, storeSession, diagnose);
            loads.Add(ms);
            transfers.Add(mb);
            if (i < Loads - 1)
            {
                await loaded.Context.CloseAsync();
            }
            page = loaded;
        }

        // Searches on the last page loaded: the time from the last key to the matching row.
        var searches = new List<double>();
        var random = new Random(11);
        string? previous = null;
        var box = page!.GetByLabel("Search name, email, phone or postcode");
        for (var i = 0; i < 13; i++)
        {
            // Numbers past the first page's names (five digits in the full run), each different from
            // the last, so that a table still showing the previous results cannot pass.
            string term;
            do
            {
                term = $"Import a-{random.Next(Math.Min(20_000, namedRows / 2), namedRows)}";
            }
            while (term == previous);
            previous = term;
            await box.FillAsync(term);
            var stopwatch = Stopwatch.StartNew();
            await page.Locator("tr.mud-table-row", new PageLocatorOptions { HasTextString = term }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            stopwatch.Stop();
            if (i >= 3)
            {
                searches.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        loads.Sort();
        transfers.Sort();
        referenceLoads.Sort();
        referenceTransfers.Sort();
        searches.Sort();
        string Alone(List<double> figures, string format) => figures.Count == 0 ? ""
            : $"{Median(figures).ToString(format, CultureInfo.InvariantCulture)} ({figures[^1].ToString(format, CultureInfo.InvariantCulture)})";
        Console.WriteLine();
        Console.WriteLine($"| web app in Chromium (loopback, {rows:N0} customers in the tenant) | median | worst | .NET WebAssembly alone: median (worst) | target | |");
        Console.WriteLine("|---|---:|---:|---:|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| first load, cold cache: transferred MB ({Loads} loads) | {Median(transfers):F2} | {transfers[^1]:F2} | {Alone(referenceTransfers, "F2")} | ≤ 3 MB | {(transfers[^1] <= 3 ? "met" : "MISSED")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| first load, cold cache: until the table shows rows, ms ({Loads} loads) | {Median(loads):F0} | {loads[^1]:F0} | {Alone(referenceLoads, "F0")} | ≤ 2,000 ms | {(Median(loads) <= 2000 ? "met" : "MISSED")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| search: last key → results shown, ms (10 searches; p95 as worst) | {Median(searches):F0} | {searches[^1]:F0} | | ≤ 300 ms | {(Median(searches) <= 300 ? "met" : "MISSED")} |"));
    }

    /// <summary>
    /// One load in a new browser context (an empty cache, as on a first visit): the time until
    /// the table shows a row, and the bytes transferred. With <paramref name="diagnose"/> and
    /// BENCH_WEB_TIMELINE=1 it prints each resource's timing and the page's console;
    /// BENCH_WEB_PROFILE=file saves a CPU profile of the page (open it in Chromium's DevTools).
    /// </summary>
    private static async Task<(double Ms, double Mb, IPage Page)> ColdLoadAsync(IBrowser browser, string url, string initScript, bool diagnose)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url });
        await context.AddInitScriptAsync(initScript);
        var page = await context.NewPageAsync();
        // Sizes are asked for after the load: asking during it would compete for the two cores.
        var finished = new List<IRequest>();
        page.RequestFinished += (_, request) => finished.Add(request);
        var clock = new Stopwatch();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{clock.ElapsedMilliseconds} ms {message.Type}: {message.Text}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                console.Add($"{response.Status} {response.Url}");
            }
        };
        var profilePath = diagnose ? Environment.GetEnvironmentVariable("BENCH_WEB_PROFILE") : null;
        ICDPSession? profiler = null;
        if (profilePath is not null)
        {
            profiler = await context.NewCDPSessionAsync(page);
            await profiler.SendAsync("Profiler.enable");
            await profiler.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 500 });
            await profiler.SendAsync("Profiler.start");
        }
        clock.Start();
        await page.GotoAsync("/");
        try
        {
            await page.Locator("tr.mud-table-row").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"{url}: the table never showed rows. The page's console:{Environment.NewLine}{string.Join(Environment.NewLine, console)}");
            throw;
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        if (profiler is not null)
        {
            var profile = await profiler.SendAsync("Profiler.stop");
            await File.WriteAllTextAsync(profilePath!, profile!.Value.GetProperty("profile").GetRawText());
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        long bytes = 0;
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        if (diagnose && Environment.GetEnvironmentVariable("BENCH_WEB_TIMELINE") is "1")
        {
            // Where a cold load's time goes: each resource's start and end, ms since navigation.
            var timeline = await page.EvaluateAsync<string>("""
                JSON.stringify(performance.getEntriesByType('resource').map(e => [Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize, e.name.replace(location.origin, '')]))
                """);
            foreach (var entry in JsonSerializer.Deserialize<JsonElement[][]>(timeline)!)
            {
                Console.WriteLine($"{entry[0],6} {entry[1],6} {entry[2],9} {entry[3]}");
            }
            Console.WriteLine($"table shown at {ms:F0} ms; the page's console:{Environment.NewLine}{string.Join(Environment.NewLine, console)}");
        }
        return (ms, bytes / (1024.0 * 1024), page);
    }

    /// <summary>Serves the published reference app with the service's answer for the same first page beside it.</summary>
    private static async Task<StaticSite> StartReferenceAsync(string site, string url, string token, int tenantId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var firstPage = await http.GetByteArrayAsync($"/api/tenants/{tenantId}/customers?archived=false&sort=name&page=1&limit=25");
        await File.WriteAllBytesAsync(Path.Combine(site, "first-page.json"), firstPage);
        return await StaticSite.StartAsync(site);
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];
}
