using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Stepwise.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb in a temp directory, started on a free loopback port,
/// removed afterwards. initdb refuses to run as root, so as root the cluster is created and run as the 'postgres' user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _directory = "";
    private string _bin = "";
    public int Port { get; private set; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=stepwise;Password=stepwise;Database={database};Pooling=true;Maximum Pool Size=20";

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        _directory = Path.Combine(Path.GetTempPath(), $"stepwise-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        var data = Path.Combine(_directory, "data");
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) await RunAsync("chown", $"postgres {_directory}", asUser: null);
        await File.WriteAllTextAsync(Path.Combine(_directory, "pw"), "stepwise");
        if (asPostgres) await RunAsync("chown", $"postgres {Path.Combine(_directory, "pw")}", asUser: null);
        await RunAsync(Path.Combine(_bin, "initdb"), $"-D {data} -U stepwise --pwfile={Path.Combine(_directory, "pw")} -A scram-sha-256 -E UTF8 --no-sync",
            asPostgres ? "postgres" : null);
        Port = FreePort();
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            $"-D {data} -l {Path.Combine(_directory, "log")} -w -t 60 -o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start",
            asPostgres ? "postgres" : null);
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory.Length == 0) return;
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {Path.Combine(_directory, "data")} -m immediate -w stop",
                Environment.UserName == "root" ? "postgres" : null);
        }
        finally
        {
            await TempFiles.DeleteDirectoryAsync(_directory);
        }
    }

    private static string FindBinaries()
    {
        var fromEnv = Environment.GetEnvironmentVariable("STEPWISE_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
            : Enumerable.Empty<string>();
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found (initdb). Run scripts/test.sh, which installs them, or set STEPWISE_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, string? asUser)
    {
        var start = asUser is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {asUser} -- {file} {arguments}");
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
