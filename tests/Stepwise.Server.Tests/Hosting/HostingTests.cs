using Xunit;
using System.Net;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Hosting;

public sealed class HostingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutSignIn_IsHealthy(string path)
    {
        var response = await database.App.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/org")]
    [InlineData("/org/people")]
    [InlineData("/admin/audit")]
    public async Task Pages_WithoutSignIn_RedirectToLogin(string path)
    {
        var response = await database.App.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_WithoutSignIn_IsServedWithStyles()
    {
        var client = database.App.Anonymous();
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains("Sign in to Stepwise", html, StringComparison.Ordinal);
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(lib/bootstrap/[^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + css)).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_MatchesCommittedCopy()
    {
        var served = await database.App.Anonymous().GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("STEPWISE_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with STEPWISE_UPDATE_OPENAPI=1 to write it.");
        var committed = await File.ReadAllTextAsync(path);
        Assert.True(committed == served,
            "The API changed but docs/openapi/v1.json did not. Review the change and run the tests with STEPWISE_UPDATE_OPENAPI=1 to update it.");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Stepwise.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Stepwise.slnx not found above the test directory.");
    }
}
