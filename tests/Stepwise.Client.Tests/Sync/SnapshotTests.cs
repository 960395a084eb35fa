using Stepwise.Client.Tests.Infrastructure;

namespace Stepwise.Client.Tests.Sync;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stepwise-snapshot-").FullName;

    private string SnapshotPath => Path.Combine(_directory, "flags.json");

    [Fact]
    public async Task ColdStart_ServerDown_ServesSnapshotAndReportsStale()
    {
        File.WriteAllText(SnapshotPath, TestPayloads.Simple(true, banner: "from snapshot"));
        await using var client = new StepwiseClient(new StepwiseOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{Eventually.ClosedPort()}/"),
            ClientKey = TestPayloads.ClientKey,
            SnapshotPath = SnapshotPath,
        });

        await client.StartAsync();

        Assert.True(client.IsOn("checkout"));
        Assert.Equal("from snapshot", client.GetString("banner", null, ""));
        var status = client.Status;
        Assert.Equal(PayloadOrigin.Snapshot, status.Origin);
        Assert.True(status.IsStale);
        Assert.NotNull(status.LastError);
        Assert.Null(status.LastContact);
    }

    [Fact]
    public async Task ServerPayload_WrittenToSnapshotAndRewrittenOnChange()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true, banner: "v1"));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.SnapshotPath = SnapshotPath;
            o.PollInterval = TimeSpan.FromHours(1);
        }));
        await client.StartAsync();
        Assert.Equal(TestPayloads.Simple(true, banner: "v1"), File.ReadAllText(SnapshotPath));
        await Eventually.True(() => server.OpenStreams == 1, "the stream connected");

        server.SetPayload(TestPayloads.Simple(true, banner: "v2"));

        await Eventually.True(() => File.ReadAllText(SnapshotPath) == TestPayloads.Simple(true, banner: "v2"), "the snapshot was rewritten");
        Assert.Equal(["flags.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task CorruptSnapshot_IgnoredAndServerPayloadUsed()
    {
        File.WriteAllText(SnapshotPath, "{ torn");
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.SnapshotPath = SnapshotPath;
            o.Streaming = false;
        }));

        await client.StartAsync();

        Assert.True(client.IsOn("checkout"));
        Assert.Equal(PayloadOrigin.Server, client.Status.Origin);
        Assert.False(client.Status.IsStale);
    }

    [Fact]
    public async Task SnapshotWritingDisabled_FileUntouched()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.SnapshotPath = SnapshotPath;
            o.WriteSnapshot = false;
            o.Streaming = false;
        }));

        await client.StartAsync();

        Assert.False(File.Exists(SnapshotPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
