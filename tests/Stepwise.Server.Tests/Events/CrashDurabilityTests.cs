using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DuckDB.NET.Data;
using Xunit;

namespace Stepwise.Server.Tests.Events;

/// <summary>
/// The durability promise under a crash: the real server runs as a child process (SQLite + DuckDB in a temp
/// folder), receives a stream of event batches from several senders, and is killed with SIGKILL mid-stream.
/// After a restart every event whose batch was acknowledged must be in the store.
/// </summary>
public sealed class CrashDurabilityTests : IAsyncDisposable
{
    private const string SdkKey = "sdk-demo-production";
    private const int BatchSize = 500;
    private const int Senders = 4;
    private readonly string _folder = Directory.CreateTempSubdirectory("stepwise-crash-").FullName;
    private Process? _server;

    [Fact]
    public async Task SigkillMidStream_LosesNoAcknowledgedEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await StartServerAsync(http, port, ct);

        var acknowledged = new ConcurrentBag<Guid>();
        var sent = 0L;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var ids = Enumerable.Range(0, BatchSize).Select(_ => Guid.NewGuid()).ToArray();
                try
                {
                    using var response = await http.SendAsync(Batch(ids, s), stop.Token);
                    Interlocked.Add(ref sent, BatchSize);
                    if (response.StatusCode == HttpStatusCode.OK) foreach (var id in ids) acknowledged.Add(id);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    // The server died under this request: it was never acknowledged.
                    if (!stop.IsCancellationRequested) await Task.Delay(10, CancellationToken.None);
                }
            }
        }, CancellationToken.None)).ToArray();

        // Let the stream run, then kill the server in the middle of it.
        while (acknowledged.Count < 40_000 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50, ct);
        var rate = acknowledged.Count / clock.Elapsed.TotalSeconds;
        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync(ct);
        var killedAt = acknowledged.Count;
        await Task.Delay(300, ct);
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        var ackedBeforeKill = acknowledged.ToHashSet();
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture,
            $"sent {Interlocked.Read(ref sent)} events, {ackedBeforeKill.Count} acknowledged ({killedAt} when killed) at {rate:F0} acknowledged events/s"));
        Assert.True(ackedBeforeKill.Count >= 40_000, $"only {ackedBeforeKill.Count} events were acknowledged before the kill");

        // Restart on the same files: the server must come back and take events again (this also replays DuckDB's log).
        await StartServerAsync(http, port, ct);
        using (var after = await http.SendAsync(Batch([Guid.NewGuid()], 99), ct)) Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync(ct);

        var stored = StoredIds();
        var lost = ackedBeforeKill.Count(id => !stored.Contains(id));
        Assert.Equal(0, lost);
    }

    private HashSet<Guid> StoredIds()
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_folder, "events.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id FROM event_metrics";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<Guid>();
        while (reader.Read()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static HttpRequestMessage Batch(Guid[] ids, int sender)
    {
        var json = new StringBuilder("{\"events\":[");
        var now = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        for (var i = 0; i < ids.Length; i++)
        {
            if (i > 0) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{ids[i]}}","type":"metric","timestamp":"{{now}}","unitId":"s{{sender}}-u{{i}}","metric":"crash-test","value":{{i}}}""");
        }
        json.Append("]}");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/events") { Content = new StringContent(json.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SdkKey);
        return request;
    }

    private async Task StartServerAsync(HttpClient http, int port, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Stepwise.Server.dll"));
        start.ArgumentList.Add("--demo");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(_folder, "stepwise.db")}";
        start.Environment["Events__DuckDbPath"] = Path.Combine(_folder, "events.duckdb");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // A process killed with SIGKILL cannot remove its diagnostics socket and debugger pipes from the temp folder.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(_server.HasExited, "the server exited during startup");
            try
            {
                using var ready = await http.GetAsync("health/ready", ct);
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException("the server did not become ready in 90 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            // A dying server may still touch its files; wait (briefly) so the folder can go.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _server.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _server?.Dispose();
        Infrastructure.TempFiles.DeleteDirectory(_folder);
    }
}
