using Microsoft.Playwright;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>Full-page screenshots for reviewing pages by eye: written only when STEPWISE_SCREENSHOTS names a folder.</summary>
internal static class PageShots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("STEPWISE_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
