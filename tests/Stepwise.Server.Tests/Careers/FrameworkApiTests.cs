using Xunit;
using System.Net;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Careers;

public abstract class FrameworkApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task DefaultFramework_IsPublished_AndReadableByEveryone()
    {
        var member = await App.ClientForAsync($"reader-{Guid.NewGuid():N}@test.example");
        var framework = await (await member.GetAsync("/api/careers/frameworks/default")).JsonAsync();
        Assert.Equal("1.0.0", framework["label"]!.GetValue<string>());
        var content = framework["framework"]!;
        Assert.Equal(4, content["steps"]!.AsArray().Count);
        var characteristics = content["characteristics"]!.AsArray();
        Assert.Equal(5, characteristics.Count);
        Assert.All(characteristics, c => Assert.Equal(4, c!["cells"]!.AsArray().Count));
        var mastery = characteristics.Single(c => c!["isMastery"]!.GetValue<bool>())!;
        Assert.Contains(mastery["disciplines"]!.AsArray(), d => d!["discipline"]!.GetValue<string>() == "backend");
        Assert.False(framework["canEdit"]!.GetValue<bool>());

        var masteryView = await (await member.GetAsync("/api/careers/frameworks/default/mastery")).JsonAsync();
        Assert.NotEmpty(masteryView["disciplines"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/api/careers/frameworks/default?version=draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/api/careers/frameworks/no-such-framework")).StatusCode);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public async Task Export_ThenImport_RoundTrips(string format)
    {
        var admin = await App.AdminAsync();
        var exported = await FrameworkTestKit.DefaultYamlAsync(admin, format);
        var key = FrameworkTestKit.UniqueKey();
        var text = format == "json" ? exported.Replace("\"key\": \"default\"", $"\"key\": \"{key}\"", StringComparison.Ordinal) : FrameworkTestKit.WithKey(exported, key);
        var imported = await (await FrameworkTestKit.ImportAsync(admin, text, format)).JsonAsync();
        Assert.True(imported["createdFramework"]!.GetValue<bool>());
        Assert.Equal("1.0.0", imported["label"]!.GetValue<string>());

        var original = (await (await admin.GetAsync("/api/careers/frameworks/default?version=1.0.0")).JsonAsync())["framework"]!;
        var copy = (await (await admin.GetAsync($"/api/careers/frameworks/{key}")).JsonAsync())["framework"]!;
        copy["key"] = "default";
        Assert.Equal(original.ToJsonString(), copy.ToJsonString());
    }

    [Fact]
    public async Task Import_InvalidYaml_ReportsEachPathWithLine_AndWritesNothing()
    {
        var admin = await App.AdminAsync();
        var before = (await (await admin.GetAsync("/api/careers/frameworks")).JsonAsync()).AsArray().Count;
        const string yaml = """
            key: Bad Key
            title: Broken
            colour: blue
            steps:
              - number: 1
                name: Individual
                sphere: Own work
              - number: 3
                name: Squad
                sphere: Squad
            characteristics:
              - id: impact
                name: Impact
                summary: The difference you make.
                cells:
                  - step: 1
                    expected: Ships things.
                  - step: 2
                    examples: [Something]
            """;
        var response = await FrameworkTestKit.ImportAsync(admin, yaml);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains("$.key", errors.Select(e => e.Key));
        Assert.Contains(errors, e => e.Key == "$" || e.Key == "$.colour");
        var missing = errors.Single(e => e.Key.StartsWith("$.characteristics[0].cells[1]", StringComparison.Ordinal));
        Assert.Contains("Line 18", missing.Value![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Line 1,", errors["$.key"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await (await admin.GetAsync("/api/careers/frameworks")).JsonAsync()).AsArray().Count);
    }

    [Fact]
    public async Task Import_RuleViolations_AreReportedWithPaths()
    {
        var admin = await App.AdminAsync();
        var yaml = FrameworkTestKit.WithKey(await FrameworkTestKit.DefaultYamlAsync(admin), FrameworkTestKit.UniqueKey())
            .Replace("- id: ownership", "- id: impact", StringComparison.Ordinal);
        var response = await FrameworkTestKit.ImportAsync(admin, yaml);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains("$.characteristics[1].id", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Import_MalformedJson_GivesLineAndColumn()
    {
        var admin = await App.AdminAsync();
        var response = await FrameworkTestKit.ImportAsync(admin, "{\n  \"key\": \"x\",\n  \"title\": }", "json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync())["errors"]!.AsObject().Single().Value![0]!.GetValue<string>();
        Assert.StartsWith("Line 3", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ExistingKey_StartsADraft_AndOnlyOne()
    {
        var admin = await App.AdminAsync();
        var key = FrameworkTestKit.UniqueKey();
        var yaml = FrameworkTestKit.WithKey(await FrameworkTestKit.DefaultYamlAsync(admin), key);
        await FrameworkTestKit.ImportAsync(admin, yaml);
        var changed = yaml.Replace("title: Technology career steps", "title: Engineering steps", StringComparison.Ordinal);
        var draft = await (await FrameworkTestKit.ImportAsync(admin, changed)).JsonAsync();
        Assert.False(draft["createdFramework"]!.GetValue<bool>());
        Assert.Equal("draft", draft["label"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await FrameworkTestKit.ImportAsync(admin, changed)).StatusCode);
        var view = await (await admin.GetAsync($"/api/careers/frameworks/{key}?version=draft")).JsonAsync();
        Assert.Equal("Engineering steps", view["framework"]!["title"]!.GetValue<string>());

        var member = await App.ClientForAsync($"importer-{Guid.NewGuid():N}@test.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await FrameworkTestKit.ImportAsync(member, changed)).StatusCode);
    }

    [Fact]
    public async Task Schema_IsServed_AsCommitted()
    {
        var member = await App.ClientForAsync($"schema-{Guid.NewGuid():N}@test.example");
        var served = await (await member.GetAsync("/api/careers/framework-schema")).Content.ReadAsStringAsync();
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "schemas", "career-framework.schema.json"));
        Assert.Equal(committed, served);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stepwise.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}

public sealed class FrameworkApiTests_Sqlite(SqliteDatabase db) : FrameworkApiTests<SqliteDatabase>(db);

public sealed class FrameworkApiTests_Postgres(PostgresDatabase db) : FrameworkApiTests<PostgresDatabase>(db);
