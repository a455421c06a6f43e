using Deque.AxeCore.Playwright;

namespace Customers.Web.Tests.Infrastructure;

public static class Accessibility
{
    /// <summary>axe-core's rules on the page as it is now: nothing serious or critical (WCAG 2.2 AA, §11).</summary>
    public static async Task ShouldHaveNoSeriousProblemsAsync(IPage page)
    {
        var results = await page.RunAxe();
        results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => $"{n.Target} {n.Html}"))}")
            .ShouldBeEmpty();
    }
}
