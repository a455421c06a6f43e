[assembly: AssemblyFixture(typeof(Customers.Web.Tests.Infrastructure.Browsers))]

namespace Customers.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run: Debian's (/usr/bin/chromium, installed by
/// test.sh when missing), driven by Playwright; Playwright's own browsers are never downloaded.
/// </summary>
public sealed class Browsers : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Two cores run the service, the database, Chromium and the API tests at once: the app's
        // first load can take seconds, so waits are generous (a wait that succeeds returns at once).
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage: a new tab's sign-in) on the host.</summary>
    public async Task<IPage> NewPageAsync(IWebHost host, int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
        playwright?.Dispose();
    }
}
